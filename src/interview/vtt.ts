/**
 * Subtitles from a timestamped transcript: the transcript split at its
 * timestamps (`transcriptCues`), and those cues as a WebVTT file (`toWebVtt`).
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { formatVttTime } from './time.js';
import { spokenText, timestampSeconds } from './timestamps.js';
import type { TranscriptCue } from './types.js';

/**
 * Splits the transcript of `tree` at its timestamps. Reads the turns (their
 * paragraphs, lists and quotes) when the post has speaker turns, else the
 * top-level paragraphs (never top-level lists, so chapters stay out); text
 * before the first timestamp has no time and is left out.
 */
export function transcriptCues(tree: Root): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  const say = (speaker: string | undefined, text: string) => {
    const cue = cues[cues.length - 1];
    const clean = text.replace(/\s+/g, ' ');
    const line = cue?.lines[cue.lines.length - 1];
    if (line && line.speaker === speaker) line.text += clean;
    else if (cue && clean.trim()) cue.lines.push({ speaker, text: clean.trimStart() });
  };
  const paragraph = (children: PhrasingContent[], speaker: string | undefined) => {
    say(speaker, ' ');
    for (const child of children) {
      const seconds = timestampSeconds(child);
      if (seconds === undefined) say(speaker, spokenText(child));
      else cues.push({ start: seconds, lines: [] });
    }
  };
  const block = (node: RootContent, speaker: string | undefined) => {
    if (node.type === 'paragraph') paragraph(node.children, speaker);
    else if (node.type === 'turn') {
      for (const child of node.children.slice(1)) block(child as RootContent, node.speaker);
    } else if (speaker !== undefined && (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote')) {
      // A list or quote inside a turn is the speaker's words too.
      for (const child of node.children) block(child as RootContent, speaker);
    }
  };
  // With speaker turns, what is outside them (intros, editor's notes, text after `---`) is not spoken.
  const spoken = tree.children.some((node) => node.type === 'turn');
  for (const node of tree.children) if (!spoken || node.type === 'turn') block(node, undefined);
  for (const cue of cues) for (const line of cue.lines) line.text = line.text.replace(/ {2,}/g, ' ').trim();
  return cues.filter((cue) => cue.lines.some((l) => l.text));
}

/** Options of `toWebVtt`. */
export interface VttOptions {
  /** End of the last cue in seconds (the video's length). Default: the last start plus 0.4 s a word (at least 2 s). */
  end?: number;
}

/**
 * A WebVTT file for `cues`: each cue lasts until the next one starts; each
 * speaker's words are a `<v Name>` span on their own line. Text is escaped,
 * so `<`, `&` and `-->` in the transcript cannot break the file.
 */
export function toWebVtt(cues: readonly TranscriptCue[], options: VttOptions = {}): string {
  const sorted = [...cues].sort((a, b) => a.start - b.start);
  let out = 'WEBVTT\n';
  sorted.forEach((cue, i) => {
    const next = sorted[i + 1];
    const words = cue.lines.reduce((n, l) => n + countWords(l.text), 0);
    const end = next ? next.start : (options.end ?? cue.start + Math.max(2, Math.ceil(words * 0.4)));
    if (end <= cue.start) return;
    const text = cue.lines.map((l) => (l.speaker ? `<v ${escape(l.speaker)}>` : '') + escape(l.text)).join('\n');
    out += `\n${formatVttTime(cue.start)} --> ${formatVttTime(end)}\n${text}\n`;
  });
  return out;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s*\n\s*/g, ' ');
}

function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return cjk / 2 + (text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ').match(/\S+/g)?.length ?? 0);
}
