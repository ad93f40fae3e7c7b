/**
 * A nesting limit: deeply nested block quotes and lists would overflow the
 * stack in the recursive tree utilities later in the chain. The walk here is
 * iterative, so it cannot overflow itself.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';

/** Deepest nesting of mdast nodes accepted. */
export const maxDepth = 256;

/** Adds a fatal `nesting-too-deep` message at the first node past the limit. */
export function checkDepth(tree: Root, file: VFile, limit = maxDepth): void {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) {
      const message = file.message(`Unexpected nesting deeper than ${limit} levels, expected fewer nested block quotes or lists; flatten the structure`, {
        place: node.position,
        ruleId: 'nesting-too-deep',
        source: 'onair',
      });
      message.fatal = true;
      return;
    }
    const children = (node as Parent).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
}
