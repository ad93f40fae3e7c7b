/**
 * Collects the headings (with the ids rehype-slug gave them) into
 * `file.data.toc`, nested by depth, for the table of contents.
 */
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';
import type { TocEntry } from '../types.js';

/** Options of `rehypeToc`. */
export interface TocOptions {
  /** Shallowest heading rank listed. Default 2. */
  minDepth?: number;
  /** Deepest heading rank listed. Default 4. */
  maxDepth?: number;
}

/** A rehype plugin that fills `file.data.toc`. */
export default function rehypeToc(options: TocOptions = {}) {
  const min = options.minDepth ?? 2;
  const max = options.maxDepth ?? 4;
  return function (tree: Root, file: VFile): void {
    const root: TocEntry = { depth: 0, id: '', text: '', children: [] };
    const stack: TocEntry[] = [root];
    visit(tree, 'element', (node) => {
      const rank = headingRank(node);
      if (rank === undefined || rank < min || rank > max) return;
      // Visually hidden headings (the footnotes label) are not part of the outline readers see.
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes('sr-only')) return;
      const id = node.properties.id;
      if (typeof id !== 'string' || id === '') return;
      const entry: TocEntry = { depth: rank, id, text: toString(node).trim(), children: [] };
      while (stack.length > 1 && stack[stack.length - 1].depth >= rank) stack.pop();
      stack[stack.length - 1].children.push(entry);
      stack.push(entry);
    });
    file.data.toc = root.children;
  };
}
