/**
 * Lifting block output out of paragraphs: `Bilibili\n{{< bilibili … >}}` is
 * one paragraph in Markdown, but a `<div>` cannot live in a `<p>`.
 */
import type { ElementContent } from 'hast';
import type { Paragraph, PhrasingContent, RootContent } from 'mdast';

// HTML phrasing content (elements allowed inside `<p>`).
const phrasing = new Set([
  'a', 'abbr', 'audio', 'b', 'bdi', 'bdo', 'br', 'button', 'canvas', 'cite', 'code', 'data', 'del', 'dfn', 'em',
  'embed', 'i', 'iframe', 'img', 'input', 'ins', 'kbd', 'label', 'map', 'mark', 'math', 'meter', 'noscript',
  'object', 'output', 'picture', 'progress', 'q', 'ruby', 's', 'samp', 'script', 'select', 'slot', 'small', 'span',
  'strong', 'sub', 'sup', 'svg', 'template', 'textarea', 'time', 'u', 'var', 'video', 'wbr',
]);

/** True when a hast node may sit inside a `<p>`. */
export function isPhrasing(node: ElementContent): boolean {
  return node.type !== 'element' || phrasing.has(node.tagName);
}

/**
 * Split a paragraph around the children for which `lift` is true: the text
 * before and after stays in paragraphs (minus the line endings at the cut),
 * the lifted nodes become blocks of their own. Empty paragraphs are dropped.
 */
export function splitParagraph(paragraph: Paragraph, lift: (node: PhrasingContent) => boolean): RootContent[] {
  const result: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    trimRun(run);
    if (run.length > 0) {
      const start = run[0]!.position?.start;
      const end = run[run.length - 1]!.position?.end;
      result.push({ type: 'paragraph', children: run, ...(start && end ? { position: { start, end } } : {}) });
    }
    run = [];
  };
  for (const child of paragraph.children) {
    if (lift(child)) {
      flush();
      result.push(child as RootContent);
    } else run.push(child);
  }
  flush();
  return result;
}

/**
 * The children left where nodes were taken out of one line (a heading): text
 * on both sides of a gap meets with one space, and space at both ends goes.
 */
export function joinRun(children: PhrasingContent[]): PhrasingContent[] {
  const run: PhrasingContent[] = [];
  for (const child of children) {
    const last = run[run.length - 1];
    if (last && last.type === 'text' && child.type === 'text') {
      const joined = last.value.replace(/[ \t]+$/, '') + (/[ \t]$/.test(last.value) || /^[ \t]/.test(child.value) ? ' ' : '') + child.value.replace(/^[ \t]+/, '');
      run[run.length - 1] = { ...last, value: joined, ...(last.position && child.position ? { position: { start: last.position.start, end: child.position.end } } : {}) };
    } else run.push(child);
  }
  trimRun(run);
  return run;
}

/** Drop whitespace at both ends of a run (the line endings around a lifted node). */
export function trimRun(run: PhrasingContent[]) {
  const first = run[0];
  if (first && first.type === 'text') {
    first.value = first.value.replace(/^[ \t]*(\r?\n|\r)?[ \t]*/, '');
    if (!first.value) run.shift();
  }
  const last = run[run.length - 1];
  if (last && last.type === 'text') {
    last.value = last.value.replace(/[ \t]*(\r?\n|\r)?[ \t]*$/, '');
    if (!last.value) run.pop();
  }
}
