/**
 * Absolute URLs for feeds, sitemaps and `<head>`: one place that knows how a
 * site-relative URL (`/tags/c#/`) becomes `https://host/base/tags/c%23/`.
 */
import { encodePath } from '../model/terms.js';

const scheme = /^[a-z][a-z\d+.-]*:/i;

/**
 * Site-relative URL → absolute URL under `baseUrl` (which ends in `/`).
 * URLs with a scheme pass through; `//host/x` gets `https:`. Model URLs
 * (`/post/x/`, `/tags/云原生/`) are percent-encoded here; pass
 * `encoded: true` for URLs that are already URLs (front-matter `image`), so
 * their `%XX` escapes are kept.
 */
export function absoluteUrl(baseUrl: string, url: string, options: { encoded?: boolean } = {}): string {
  if (scheme.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`;
  const path = url.replace(/^\/+/, '');
  return baseUrl + (options.encoded ? encodeLoose(path) : encodePath(path));
}

/** Encode what a URL may not hold, keeping existing `%XX` escapes, `?` and `#`. */
export function encodeLoose(url: string): string {
  return url.replace(/%(?![\da-fA-F]{2})|[^\w\-.~!$&'()*+,;=:@/?#%]/gu, (c) => encodeURIComponent(c));
}
