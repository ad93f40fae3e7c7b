/**
 * Chapter lists pasted from a video description without list markers.
 */
import type { List, Root, RootContent } from 'mdast';
import { parseTimestamp } from './time.js';

/** A time starting a line of a pasted list: `00:00`, `(00:00)` or `[00:00]`. */
const lineTime = /^\s*[[(]?(\d{1,2}:\d{2}(?::\d{2})?)(?:[\])]|(?=\s|$))/;

/**
 * A YouTube description pasted as it is: lines `00:00 Intro` / `02:15 Why`
 * (or `[00:00] Intro`), one paragraph to Markdown (so one run-on line on the
 * page), become a list, after their `Timestamps:` line if there is one. Only
 * when every line (at least two) starts with a time and the first is 0:00.
 * Runs before timestamps are linked, which then treat the list as any other.
 */
export function splitPastedLists(tree: Root): void {
  tree.children = tree.children.flatMap((node): RootContent[] => {
    const text = node.type === 'paragraph' && node.children.length === 1 ? node.children[0] : undefined;
    if (text?.type !== 'text' || !text.value.includes('\n')) return [node];
    const lines = text.value.split('\n');
    const intro = lineTime.test(lines[0]!) ? [] : lines.splice(0, 1);
    if (intro.length && !/[:：]\s*$/u.test(intro[0]!)) return [node];
    const times = lines.map((line) => lineTime.exec(line));
    if (lines.length < 2 || !times.every(Boolean) || parseTimestamp(times[0]![1]!) !== 0) return [node];
    // Each line keeps its place in the file, for messages such as `chapter-order`.
    const first = (node.position?.start.line ?? 0) + intro.length;
    const place = (i: number, line: string) =>
      node.position && { start: { line: first + i, column: 1 }, end: { line: first + i, column: line.length + 1 } };
    const list: List = {
      type: 'list',
      ordered: false,
      spread: false,
      position: node.position && { start: place(0, '')!.start, end: node.position.end },
      children: lines.map((line, i) => ({
        type: 'listItem',
        spread: false,
        position: place(i, line),
        children: [{ type: 'paragraph', position: place(i, line), children: [{ type: 'text', value: line.trim(), position: place(i, line) }] }],
      })),
    };
    return intro.length ? [{ type: 'paragraph', position: place(-1, intro[0]!), children: [{ type: 'text', value: intro[0]! }] }, list] : [list];
  });
}
