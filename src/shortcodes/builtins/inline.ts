/**
 * Inline Markdown in a shortcode argument (a figure caption, a details
 * summary), as Hugo renders such arguments with `markdownify` or
 * `RenderString`: phrasing only, raw HTML left out, unsafe URLs removed, and
 * typographed when the page is (Goldmark's typographer runs there too).
 */
import type { ElementContent } from 'hast';
import type { PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import { VFile } from 'vfile';
import remarkTypographer from '../../typographer.js';
import { visit } from '../../util/visit.js';
import type { ShortcodeContext } from '../types.js';
import { safeUrl } from './url.js';

const typographer = remarkTypographer();

/** Markdown of one argument as its own document, typographed when the `typographer` option is on. */
export function parseArgument(markdown: string, ctx: ShortcodeContext): Root {
  const tree = fromMarkdown(markdown);
  if (ctx.options.typographer) typographer(tree, new VFile(markdown));
  return tree;
}

/** Inline Markdown of one argument: the phrasing of its first paragraph. `onHtml` is called when it holds raw HTML (which is left out). */
export function inline(markdown: string, ctx: ShortcodeContext, onHtml?: () => void): PhrasingContent[] {
  const tree = parseArgument(markdown, ctx);
  if (onHtml) {
    let html = false;
    visit(tree, 'html', () => void (html = true));
    if (html) onHtml();
  }
  const first = tree.children[0];
  return first?.type === 'paragraph' ? first.children : [];
}

/** Phrasing mdast to hast, with unsafe link and image URLs removed. */
export function phrasingToHast(nodes: PhrasingContent[]): ElementContent[] {
  const tree = toHast({ type: 'paragraph', children: nodes });
  visit(tree, 'element', (element) => {
    for (const key of ['href', 'src'] as const) {
      const value = element.properties[key];
      if (typeof value === 'string' && safeUrl(value, key === 'src' ? 'image' : 'link') === undefined) {
        delete element.properties[key];
      }
    }
  });
  return tree.type === 'element' ? tree.children : [];
}
