/**
 * Inline Markdown in a shortcode argument (a figure caption, a details
 * summary), as Hugo renders such arguments with `markdownify` or
 * `RenderString`: phrasing only, raw HTML left out, unsafe URLs removed.
 */
import type { ElementContent } from 'hast';
import type { PhrasingContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import { visit } from '../../util/visit.js';
import { safeUrl } from './url.js';

/** Inline Markdown of one argument: the phrasing of its first paragraph. `onHtml` is called when it holds raw HTML (which is left out). */
export function inline(markdown: string, onHtml?: () => void): PhrasingContent[] {
  const tree = fromMarkdown(markdown);
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
