/**
 * URL sanitizing for attributes built from shortcode arguments: remark-rehype
 * would pass `javascript:` through, so every URL a writer gives goes here.
 */

/** Where a URL ends up: images also accept `data:image/…` (raster only). */
export type UrlKind = 'link' | 'image';

/**
 * Returns `value` when it is safe as an href/src: relative, `http(s):`,
 * `mailto:`, `tel:` (links) or a raster `data:image/` (images). Returns
 * `undefined` for scripts (`javascript:`, `vbscript:`), other `data:` URLs
 * and unknown schemes. Control characters and spaces that browsers ignore
 * inside a scheme are stripped before checking, so `java\tscript:` is caught.
 */
export function safeUrl(value: string, kind: UrlKind = 'link'): string | undefined {
  const url = value.trim();
  if (url === '') return undefined;
  // eslint-disable-next-line no-control-regex
  const probe = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z\d+.-]*):/.exec(probe)?.[1];
  if (scheme === undefined) return url;
  if (scheme === 'http' || scheme === 'https') return url;
  if (kind === 'link' && (scheme === 'mailto' || scheme === 'tel')) return url;
  if (kind === 'image' && /^data:image\/(?:png|jpe?g|gif|webp|avif)[;,]/.test(probe)) return url;
  return undefined;
}
