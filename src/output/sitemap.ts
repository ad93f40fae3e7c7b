/**
 * `sitemap.xml` (every page with its last change) and `robots.txt` pointing
 * at it, with absolute URLs under the base URL (sub-paths included).
 */
import { x } from 'xastscript';
import { absoluteUrl } from '../seo/url.js';
import { serializeXml } from './xml.js';

/** One page in the sitemap. */
export interface SitemapEntry {
  /** Site-relative URL (`/post/foo/`). */
  url: string;
  /** Last change (lastmod, else date). Omitted when unknown. */
  lastmod?: Date;
}

/** `sitemap.xml` for `entries` (duplicates removed, order kept). */
export function renderSitemap(baseUrl: string, entries: SitemapEntry[]): string {
  const seen = new Set<string>();
  const urls = [];
  for (const entry of entries) {
    const loc = absoluteUrl(baseUrl, entry.url);
    if (seen.has(loc)) continue;
    seen.add(loc);
    urls.push(x('url', [x('loc', loc), entry.lastmod ? x('lastmod', entry.lastmod.toISOString()) : undefined]));
  }
  const tree = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, urls);
  return (
    serializeXml({
      type: 'root',
      children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, { type: 'text', value: '\n' }, tree]
    }) + '\n'
  );
}

/** `robots.txt` allowing everything and naming the sitemap's absolute URL. */
export function renderRobots(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(baseUrl, '/sitemap.xml')}\n`;
}
