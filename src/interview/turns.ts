/**
 * Speaker turns. A top-level paragraph starting with an accepted label opens a
 * turn; the blocks after it join the turn until the next label, a heading, a
 * thematic break, an embed or raw HTML. Accepted: labels listed in front
 * matter `speakers`, and plausible labels that open at least two paragraphs
 * when the post has at least two speakers (see `docs/interview.md`).
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { slug } from 'github-slugger';
import { isFrontMatterNode } from '../content/matter.js';
import type { Speaker } from '../types.js';
import { isEditorialLabel, isPlausibleLabel, labelKey, parseLabel, splitRole, type LabelMatch } from './labels.js';
import { spokenText } from './timestamps.js';
import { safeUrl } from './url.js';
import type { SpeakerLabel, TranscriptTurn, Turn } from './types.js';
import { shortcodeVideo } from './videos.js';

interface Resolved {
  id: string;
  index: number;
  name: string;
  speaker?: Speaker;
  /** Role from front matter, else from the label's parentheses (`Varun (Google)`). */
  role?: string;
}

/** A label as found, with the role its parentheses gave (when the whole label is not listed). */
interface Found extends LabelMatch {
  role?: string;
}

/** Wraps the speaker turns of `tree` in `turn` nodes and returns them as plain data. */
export function groupTurns(tree: Root, speakers: readonly Speaker[]): TranscriptTurn[] {
  const listed = (key: string) => speakers.findIndex((s) => [s.label, s.name].some((l) => l && labelKey(l) === key));
  const found = new Map<RootContent, Found>();
  const counts = new Map<string, number>();
  const roles = new Map<string, string>();
  for (const node of tree.children) {
    const parsed = node.type === 'paragraph' ? parseLabel(node) : undefined;
    if (!parsed) continue;
    // `Varun Talwar (Google):` is Varun Talwar, whose role is Google, unless the whole label is listed.
    const split = listed(labelKey(parsed.label)) === -1 ? splitRole(parsed.label) : undefined;
    const match: Found = split ? { ...parsed, label: split.name, role: split.role } : parsed;
    const key = labelKey(match.label);
    found.set(node, match);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (match.role && !roles.has(key)) roles.set(key, match.role);
  }
  const recurring = [...counts].filter(([key, n]) => listed(key) === -1 && n >= 2 && isPlausibleLabel(labelOf(found, key)));
  const listedUsed = [...counts.keys()].filter((key) => listed(key) !== -1);
  const accepted = new Set([...listedUsed, ...(listedUsed.length + recurring.length >= 2 ? recurring.map(([k]) => k) : [])]);
  if (accepted.size === 0) return [];

  const resolved = new Map<string, Resolved>();
  const resolve = (label: string): Resolved => {
    const key = labelKey(label);
    let r = resolved.get(key);
    if (r) return r;
    const i = listed(key);
    const speaker = i === -1 ? undefined : speakers[i];
    const index = i === -1 ? speakers.length + [...resolved.values()].filter((v) => !v.speaker).length : i;
    const name = speaker?.name ?? label;
    r = { id: slug(name) || `speaker-${index}`, index, name, speaker, role: speaker?.role ?? roles.get(key) };
    resolved.set(key, r);
    return r;
  };

  const turns: TranscriptTurn[] = [];
  const out: RootContent[] = [];
  let current: Turn | undefined;
  for (const node of tree.children) {
    const match = found.get(node);
    if (match && accepted.has(labelKey(match.label))) {
      const who = resolve(match.label);
      current = turnNode(who, match);
      if (match.rest.length) current.children.push({ ...(node as Paragraph), children: match.rest });
      out.push(current);
      turns.push({ speaker: who.name, speakerId: who.id, index: who.index, start: match.start, text: '' });
    } else if (current && !endsTurn(node) && !(match && isEditorialLabel(match.label))) {
      current.children.push(node as Turn['children'][number]);
    } else {
      current = undefined;
      out.push(node);
    }
  }
  tree.children = out;
  let i = 0;
  for (const node of out) {
    if (node.type !== 'turn') continue;
    turns[i++]!.text = node.children.slice(1).map((c) => spokenText(c).replace(/[ \t]+/g, ' ').trim()).filter(Boolean).join('\n\n');
  }
  return turns;
}

function endsTurn(node: RootContent): boolean {
  return (
    node.type === 'heading' || node.type === 'thematicBreak' || node.type === 'html' || node.type === 'videoTabs' ||
    isFrontMatterNode(node) || (node.type === 'shortcode' && shortcodeVideo(node) !== undefined)
  );
}

function labelOf(found: Map<RootContent, Found>, key: string): string {
  for (const m of found.values()) if (labelKey(m.label) === key) return m.label;
  return key;
}

function turnNode(who: Resolved, match: LabelMatch): Turn {
  const { speaker } = who;
  const link = safeUrl(speaker?.link, false);
  const avatar = safeUrl(speaker?.avatar, true);
  const children: PhrasingContent[] = [];
  if (avatar) {
    children.push({ type: 'image', url: avatar, alt: '', data: { hProperties: { className: ['speaker-avatar'], width: 32, height: 32, loading: 'lazy' } } });
  }
  children.push(
    link
      ? { type: 'link', url: link, children: [{ type: 'text', value: who.name }], data: { hProperties: { className: ['speaker-name'], rel: ['noopener'] } } }
      : { type: 'emphasis', children: [{ type: 'text', value: who.name }], data: { hName: 'span', hProperties: { className: ['speaker-name'] } } },
  );
  if (who.role) {
    children.push({ type: 'text', value: ' ' });
    children.push({ type: 'emphasis', children: [{ type: 'text', value: who.role }], data: { hName: 'span', hProperties: { className: ['speaker-role'] } } });
  }
  const label: SpeakerLabel = { type: 'speakerLabel', children, data: { hName: 'div', hProperties: { className: ['speaker'] } } };
  const properties: Record<string, string | number | string[]> = { className: ['turn'], dataSpeaker: who.id, dataSpeakerIndex: who.index };
  if (match.start !== undefined) properties.dataT = match.start;
  return { type: 'turn', speaker: who.name, speakerId: who.id, index: who.index, children: [label], data: { hName: 'div', hProperties: properties } };
}
