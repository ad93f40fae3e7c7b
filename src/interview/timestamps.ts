/**
 * Turns `[12:34]` in text into timestamp links: an ordinary link to the
 * platform at that moment (works without JavaScript) that `interview.js`
 * upgrades to seek the post's player. Never inside links, references or code.
 */
import type { Link, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from '../util/visit.js';
import type { VFile } from 'vfile';
import type { VideoRef } from '../types.js';
import { watchUrl } from './platforms.js';
import { findTimestamps } from './time.js';

/**
 * Replaces bracketed timestamps in `tree` by links to the video `videoOf` gives
 * for their top-level block (spans when there is none). Returns how many.
 */
export function linkTimestamps(tree: Root, file: VFile, videoOf: (block: RootContent) => VideoRef | undefined): number {
  let count = 0;
  for (const block of tree.children) count += linkIn(block, file, videoOf(block));
  return count;
}

function linkIn(tree: RootContent, file: VFile, video: VideoRef | undefined): number {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || !parent || index === undefined) return;
    const matches = findTimestamps(node.value);
    if (matches.length === 0) return;
    const replacement: PhrasingContent[] = [];
    let last = 0;
    for (const match of matches) {
      if (match.seconds === undefined) {
        file.message(match.problem!, { place: pointAt(node, match.start), ruleId: 'invalid-timestamp', source: 'onair' });
        continue;
      }
      if (match.start > last) replacement.push({ type: 'text', value: node.value.slice(last, match.start) });
      replacement.push(timestampNode(match.value, match.seconds, video));
      last = match.end;
      count++;
    }
    if (last === 0) return;
    if (last < node.value.length) replacement.push({ type: 'text', value: node.value.slice(last) });
    (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
    return index + replacement.length;
  });
  return count;
}

/** A timestamp as a link to `video` at `seconds` (a plain span without a video). */
export function timestampNode(label: string, seconds: number, video: VideoRef | undefined): Link | Text {
  const properties = { className: ['timestamp'], dataT: String(seconds) };
  if (!video) return { type: 'text', value: label, data: { hName: 'span', hProperties: properties } };
  return {
    type: 'link',
    url: watchUrl(video, seconds),
    children: [{ type: 'text', value: label }],
    data: { onairTimestamp: seconds, hProperties: properties },
  };
}

/** Seconds of `node` when it is a timestamp made by `timestampNode`. */
export function timestampSeconds(node: { type: string; data?: object }): number | undefined {
  const data = node.data as { onairTimestamp?: number; hProperties?: { className?: unknown; dataT?: string } } | undefined;
  if (node.type === 'link') return data?.onairTimestamp;
  if (node.type === 'text' && Array.isArray(data?.hProperties?.className) && data.hProperties.className.includes('timestamp')) {
    return Number(data.hProperties.dataT);
  }
  return undefined;
}

function pointAt(node: Text, offset: number): Point | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset);
  const newline = before.lastIndexOf('\n');
  if (newline === -1) return { line: start.line, column: start.column + offset };
  return { line: start.line + before.split('\n').length - 1, column: offset - newline };
}

/** Plain text of `node` without its timestamps and raw HTML (for the transcript and subtitles). */
export function spokenText(node: { type: string; value?: string; children?: unknown[]; data?: object }): string {
  if (timestampSeconds(node) !== undefined || node.type === 'html') return '';
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'break') return '\n';
  if (node.type === 'image') return '';
  return (node.children as Array<typeof node> | undefined)?.map(spokenText).join('') ?? '';
}
