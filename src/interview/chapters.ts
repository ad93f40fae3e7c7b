/**
 * Chapters: a list whose items all start with a timestamp, under a
 * `## Chapters` / `## 章节` heading (or, failing that, the first such list
 * anywhere at the top level), becomes `<ol class="chapters">`.
 */
import type { List, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { timestampSeconds } from './timestamps.js';
import type { Chapter } from './types.js';

const chaptersHeading = /^\s*(?:chapters?|timestamps|章节|时间轴)\s*$/i;

/** Marks the chapter list in `tree` and returns its chapters (empty when there is none). */
export function extractChapters(tree: Root, file: VFile): Chapter[] {
  const lists = tree.children.flatMap((node, i) => (node.type === 'list' ? [{ node, i }] : []));
  const underHeading = lists.find(({ i }) => {
    const previous = tree.children[i - 1];
    return previous?.type === 'heading' && chaptersHeading.test(toString(previous));
  });
  const candidate = [underHeading, ...lists].find((entry) => entry && chaptersOf(entry.node));
  if (!candidate) return [];
  const list = candidate.node;
  const chapters = chaptersOf(list)!;
  list.ordered = true;
  list.start = null;
  list.data = { ...list.data, hProperties: { ...list.data?.hProperties, className: ['chapters'] } };
  for (let i = 1; i < chapters.length; i++) {
    if (chapters[i]!.start <= chapters[i - 1]!.start) {
      file.message(`Unexpected chapter \`${chapters[i]!.title}\` starting before the one above it, expected chapters in time order`, {
        place: list.children[i]!.position,
        ruleId: 'chapter-order',
        source: 'onair',
      });
    }
  }
  return chapters;
}

/** The chapters of `list` when every item (at least two) starts with a timestamp. */
function chaptersOf(list: List): Chapter[] | undefined {
  if (list.children.length < 2) return undefined;
  const chapters: Chapter[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    const head = first?.type === 'paragraph' ? first.children[0] : undefined;
    const start = head ? timestampSeconds(head) : undefined;
    if (start === undefined || first?.type !== 'paragraph') return undefined;
    const title = toString({ type: 'paragraph', children: first.children.slice(1) })
      .replace(/^[\s\-–—:：|·]+/, '')
      .trim();
    chapters.push({ start, title });
  }
  return chapters;
}
