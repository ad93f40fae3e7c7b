/**
 * `visit` as `unist-util-visit` has it (same arguments, types and results:
 * `SKIP`, `EXIT`, an index to go on at), for the walks every post takes.
 * unist-util-visit makes a closure, a name property and a copy of the
 * ancestor list for each node, which cost a post render ~3 ms and much of
 * its garbage; this walks the same nodes in the same order with none of it.
 * Only type-name tests and enter visitors: what onair's plugins use.
 */
import type { Node, Parent } from 'unist';
import type { BuildVisitor } from 'unist-util-visit';

export { CONTINUE, EXIT, SKIP } from 'unist-util-visit';

type AnyVisitor = (node: Node, index: number | undefined, parent: Parent | undefined) => unknown;

/** Calls `visitor` on every node of `tree` whose type is `type` (every node when omitted), in preorder. */
export function visit<Tree extends Node, Check extends string>(tree: Tree, type: Check, visitor: BuildVisitor<Tree, Check>): undefined;
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): undefined;
export function visit(tree: Node, typeOrVisitor: string | AnyVisitor, maybeVisitor?: AnyVisitor): undefined {
  const type = typeof typeOrVisitor === 'string' ? typeOrVisitor : undefined;
  const visitor = (typeof typeOrVisitor === 'string' ? maybeVisitor : typeOrVisitor) as AnyVisitor;
  one(tree, undefined, undefined);

  // Returns `false` to exit, else the index the parent goes on at (if the visitor gave one).
  function one(node: Node, index: number | undefined, parent: Parent | undefined): number | false | undefined {
    let action: unknown;
    let next: number | undefined;
    if (type === undefined || node.type === type) {
      const result = visitor(node, index, parent);
      if (Array.isArray(result)) [action, next] = result as [unknown, number | undefined];
      else if (typeof result === 'number') next = result;
      else action = result;
      if (action === false) return false;
    }
    const children = (node as Partial<Parent>).children;
    if (children && action !== 'skip') {
      const self = node as Parent;
      let offset = 0;
      // Read live: visitors may splice the list or replace it.
      while (offset > -1 && offset < self.children.length) {
        const sub = one(self.children[offset]!, offset, self);
        if (sub === false) return false;
        offset = typeof sub === 'number' ? sub : offset + 1;
      }
    }
    return typeof next === 'number' ? next : undefined;
  }
}
