/**
 * A nesting limit: deeply nested block quotes and lists would overflow the
 * stack in the recursive tree utilities later in the chain. The walk here is
 * iterative, so it cannot overflow itself. When the parser itself overflows
 * (10,000 nested `>`), the post fails with the same rule, placed by a count
 * of the container markers (`>`, `-`, `*`, `+`, `1.`) that start each line.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { Node, Parent, Point } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { splitFrontMatter } from '../content/matter.js';

/** Deepest nesting of mdast nodes accepted. */
export const maxDepth = 256;

const reason = (limit: number) =>
  `Unexpected nesting deeper than ${limit} levels, expected fewer nested block quotes or lists; flatten the structure`;

/** Adds (and returns) a fatal `nesting-too-deep` message at the first node past the limit. */
export function checkDepth(tree: Root, file: VFile, limit = maxDepth): VFileMessage | undefined {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) {
      const message = file.message(reason(limit), {
        place: node.position,
        ruleId: 'nesting-too-deep',
        source: 'onair',
      });
      message.fatal = true;
      return message;
    }
    const children = (node as Parent).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

/**
 * Where a text nests too deep, for a parser that overflowed on it: the
 * container marker past `limit` on the first line that has one, else the
 * deepest line, else the first line of the body. Only places a message: the
 * text is never rendered from this count.
 */
export function nestingPlace(text: string, limit = maxDepth): Point {
  let deepest: Point | undefined;
  let most = 0;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let depth = 0;
    let index = start;
    while (index < end) {
      const char = text.charCodeAt(index);
      if (char === 32 || char === 9) {
        index++;
        continue;
      }
      let after = index;
      if (char === 62 /* > */) after = index + 1;
      else if ((char === 45 || char === 42 || char === 43) && /[ \t]/.test(text.charAt(index + 1))) after = index + 1;
      else {
        while (after < end && after - index < 9 && text.charCodeAt(after) >= 48 && text.charCodeAt(after) <= 57) after++;
        if (after === index || !/[.)]/.test(text.charAt(after)) || !/[ \t]/.test(text.charAt(after + 1))) break;
        after++;
      }
      depth++;
      if (depth > limit) return { line, column: index - start + 1 };
      if (depth > most) {
        most = depth;
        deepest = { line, column: index - start + 1 };
      }
      index = after;
    }
    start = end + 1;
  }
  return deepest ?? { line: splitFrontMatter(text).bodyLine, column: 1 };
}

/**
 * Remark plugin, right after remark-parse: a parser that overflows the stack
 * on deep nesting fails the file with `nesting-too-deep` (a fatal message,
 * not a bare `RangeError`), and a tree nested past {@link maxDepth} fails
 * before the recursive transforms see it.
 */
export function remarkNestingLimit(this: Processor): (tree: Root, file: VFile) => undefined {
  const parse = this.parser;
  if (parse) {
    this.parser = (document, file) => {
      try {
        return parse(document, file);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        return file.fail(reason(maxDepth), { place: nestingPlace(document), ruleId: 'nesting-too-deep', source: 'onair', cause: error });
      }
    };
  }
  return (tree, file) => {
    const message = checkDepth(tree, file);
    if (message) throw message;
  };
}
