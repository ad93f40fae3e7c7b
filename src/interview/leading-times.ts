/**
 * Timestamps written without brackets, where transcripts and video
 * descriptions put them: `00:00 Intro` or `(00:00) Intro` starting every item
 * of a list that starts at 0:00 (YouTube's chapter format), and a time right
 * before or after a speaker label (`00:01:35 — Name: …`, `12:34 **Name:** …`,
 * `Name: (00:09) …`) or inside it (`Name (00:09):`, `Name  0:09` on its own
 * line) starting top-level paragraphs, when at least two
 * paragraphs start so. Anywhere else a bare `10:30` is a clock time and stays
 * text.
 */
import type { Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VideoRef } from '../types.js';
import { isPlausibleLabel, splitRole } from './labels.js';
import { parseTimestamp } from './time.js';
import { timestampNode } from './timestamps.js';

/** Where a bare timestamp starts a paragraph: the text node, and the time's span in it. */
interface Found {
  paragraph: Paragraph;
  child: number;
  /** Offset of the time (or of its `(`) in the text. */
  start: number;
  /** Offset after the time, its `)` and a separator (`—`, `-`, `|`) when words follow. */
  end: number;
  value: string;
  seconds: number;
  /** Text that replaces everything before the time: `Name: ` when the time sat inside the label. */
  label?: string;
}

/** A time (optionally in parentheses) at the start of `text`, then a space, a dash or the end. */
const leading = /^\((\d{1,2}:\d{2}(?::\d{2})?)\)|^(\d{1,2}:\d{2}(?::\d{2})?)(?=\s|$)/;
const separator = /^\s*(?:[—–|]|-(?=\s))?\s*/;
/** A speaker label written as text before the time: `Q: `, `林晨：`. */
const textLabel = /^[^:：\n]{1,60}?[ \t]?(?::[ \t]+|：[ \t]*)/u;

/** Links the bare timestamps that start list items and paragraphs of `tree` to the video `videoOf` gives for their block. Returns how many. */
export function linkLeadingTimestamps(tree: Root, videoOf: (block: RootContent) => VideoRef | undefined): number {
  const linked: Array<[Found, RootContent]> = [];
  for (const node of tree.children) {
    if (node.type !== 'list' || node.children.length < 2) continue;
    const items = node.children.map((item) => {
      const first = item.children[0];
      return first?.type === 'paragraph' ? find(first, 0) : undefined;
    });
    // YouTube's chapters start at 0:00; an agenda (`9:00 Keynote`) does not.
    if (items.every(Boolean) && items[0]!.seconds === 0) linked.push(...(items as Found[]).map((f): [Found, RootContent] => [f, node]));
  }
  const paragraphs = tree.children.flatMap((node): Array<[Found, RootContent]> => {
    const found = node.type === 'paragraph' ? beforeLabel(node) ?? afterLabel(node) ?? inLabel(node) : undefined;
    return found ? [[found, node]] : [];
  });
  if (paragraphs.length >= 2) linked.push(...paragraphs);
  for (const [found, block] of linked) replace(found, videoOf(block));
  return linked.length;
}

/** The bare time starting the text child `child` of `paragraph` at `offset`. */
function find(paragraph: Paragraph, child: number, offset = 0): Found | undefined {
  const node = paragraph.children[child];
  if (node?.type !== 'text') return undefined;
  const text = node.value.slice(offset);
  const match = leading.exec(text);
  if (!match) return undefined;
  const value = match[1] ?? match[2]!;
  const seconds = parseTimestamp(value);
  if (typeof seconds !== 'number') return undefined;
  const rest = text.slice(match[0].length);
  const gap = separator.exec(rest)![0];
  // The dash goes; `replace` keeps one space before the words.
  const end = offset + match[0].length + (rest.length > gap.length ? gap.length : 0);
  return { paragraph, child, start: offset, end, value, seconds };
}

/** A bare time right before a speaker label: `00:01:35 — Name: …`, `12:34 **Name:** …` (not `10:30 we met`). */
function beforeLabel(paragraph: Paragraph): Found | undefined {
  const found = find(paragraph, 0);
  if (!found) return undefined;
  const rest = (paragraph.children[0] as Text).value.slice(found.end).trimStart();
  const next = paragraph.children[1];
  if (!rest) return next?.type === 'strong' || next?.type === 'emphasis' ? found : undefined;
  return plausibleLabel(textLabel.exec(rest)?.[0]) ? found : undefined;
}

function plausibleLabel(label: string | undefined): boolean {
  const name = label?.replace(/[:：]\s*$/u, '').trim();
  return Boolean(name && isPlausibleLabel(splitRole(name)?.name ?? name));
}

/** The bare time right after a speaker label: `Q: (00:09) …`, `**Name**: 00:09 …`. */
function afterLabel(paragraph: Paragraph): Found | undefined {
  const [head, next] = paragraph.children;
  if (head?.type === 'text') {
    const label = textLabel.exec(head.value)?.[0];
    return label && plausibleLabel(label) ? find(paragraph, 0, label.length) : undefined;
  }
  if ((head?.type === 'strong' || head?.type === 'emphasis') && next?.type === 'text') {
    if (/[:：]\s*$/.test(toString(head))) return find(paragraph, 1, next.value.length - next.value.trimStart().length);
    const colon = /^\s?[:：]\s*/.exec(next.value);
    return colon ? find(paragraph, 1, colon[0].length) : undefined;
  }
  return undefined;
}

/**
 * A time inside the label, as transcription services export it: Rev's
 * `Jerod Santo (00:00):` (also with the name in bold) and Otter's `Speaker 1  0:03` alone on the first
 * line. Read as `Name: ` and a timestamp.
 */
function inLabel(paragraph: Paragraph): Found | undefined {
  const [head, next] = paragraph.children;
  if ((head?.type === 'strong' || head?.type === 'emphasis') && next?.type === 'text') {
    // `**Jerod Santo** (00:00):`, Rev's form in bold.
    const match = /^[ \t]*[(（](\d{1,2}:\d{2}(?::\d{2})?)[)）][ \t]*[:：][ \t]*/u.exec(next.value);
    const seconds = match && parseTimestamp(match[1]!);
    if (!match || typeof seconds !== 'number' || !isPlausibleLabel(toString(head).trim())) return undefined;
    return { paragraph, child: 1, start: 0, end: match[0].length, value: match[1]!, seconds, label: ': ' };
  }
  if (head?.type !== 'text') return undefined;
  const match =
    /^([^:：\n()（）]{1,60}?)[ \t]*[(（](\d{1,2}:\d{2}(?::\d{2})?)[)）][ \t]*[:：][ \t]*/u.exec(head.value) ??
    /^([^:：\n()（）]{1,60}?)[ \t]+(\d{1,2}:\d{2}(?::\d{2})?)[ \t]*(?=\n|$)/u.exec(head.value);
  const name = match?.[1]!.trim();
  const seconds = match && parseTimestamp(match[2]!);
  if (!match || !name || typeof seconds !== 'number' || !isPlausibleLabel(name)) return undefined;
  if (match[0].length === head.value.length && paragraph.children[1]?.type !== 'break' && paragraph.children.length > 1) return undefined;
  return { paragraph, child: 0, start: 0, end: match[0].length, value: match[2]!, seconds, label: name + ': ' };
}

function replace(found: Found, video: VideoRef | undefined): void {
  const node = found.paragraph.children[found.child] as Text;
  const before = found.label ?? node.value.slice(0, found.start);
  const after = node.value.slice(found.end);
  // Otter's `Name  0:03` ends its line with a hard break: the words follow the time.
  if (found.label && !after && found.paragraph.children[found.child + 1]?.type === 'break') {
    found.paragraph.children.splice(found.child + 1, 1, { type: 'text', value: ' ' });
  }
  const replacement: PhrasingContent[] = [
    ...(before ? [{ type: 'text', value: before } as const] : []),
    timestampNode(found.value, found.seconds, video),
    ...(after ? [{ type: 'text', value: /^\s/.test(after) ? after : ' ' + after } as const] : []),
  ];
  found.paragraph.children.splice(found.child, 1, ...replacement);
}
