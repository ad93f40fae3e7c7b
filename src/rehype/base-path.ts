/**
 * Root-relative URLs in a post (`/images/a.png`, `[x](/post/y/)`) point at
 * the site's root; when the site is served under a path (`/blog/`) they get
 * that path, so every link and asset works wherever the site is hosted.
 */
import type { Root } from 'hast';
import { visit } from '../util/visit.js';
import { joinBase } from '../util/url.js';

const URL_PROPERTIES = ['href', 'src', 'poster', 'dataPoster', 'cite', 'action'] as const;

/** Prefixes `basePath` to every root-relative URL in `tree` (in place). No-op for `/`. */
export function prefixBasePath(tree: Root, basePath: string): void {
  if (basePath === '/') return;
  visit(tree, 'element', (node) => {
    for (const name of URL_PROPERTIES) {
      const value = node.properties[name];
      if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(basePath)) {
        node.properties[name] = joinBase(basePath, value);
      }
    }
  });
}
