/**
 * `sitemap.xml` (every page with its last change) and `robots.txt` pointing
 * at it, with absolute URLs under the base URL (sub-paths included). The
 * sitemap protocol allows 50,000 URLs a file: past that, `sitemap.xml` is a
 * sitemap index naming `sitemap-1.xml`, `sitemap-2.xml`… of 50,000 each.
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

/** URLs a sitemap file may hold (sitemaps.org). */
export const sitemapLimit = 50_000;

/** One file of the sitemap: its name, the entries it is made from (its cache key), and how to make it. */
export interface SitemapFile {
  file: string;
  data: unknown;
  render: () => string;
}

/**
 * The sitemap's files for `entries` (duplicates removed, order kept): one
 * `sitemap.xml` up to `limit` URLs, else an index and files of `limit` URLs.
 * Each file is made only when asked, so one tree is held at a time.
 */
export function sitemapFiles(baseUrl: string, entries: readonly SitemapEntry[], limit = sitemapLimit): SitemapFile[] {
  const seen = new Set<string>();
  const unique = entries.filter((entry) => !seen.has(entry.url) && seen.add(entry.url));
  if (unique.length <= limit) return [{ file: 'sitemap.xml', data: unique, render: () => renderSitemap(baseUrl, unique) }];
  const parts: Array<{ file: string; lastmod?: Date }> = [];
  const files: SitemapFile[] = [];
  for (let start = 0; start < unique.length; start += limit) {
    const chunk = unique.slice(start, start + limit);
    const file = `sitemap-${parts.length + 1}.xml`;
    const lastmod = chunk.reduce<Date | undefined>((latest, entry) => (entry.lastmod && (!latest || entry.lastmod > latest) ? entry.lastmod : latest), undefined);
    parts.push({ file, lastmod });
    files.push({ file, data: chunk, render: () => renderSitemap(baseUrl, chunk) });
  }
  files.push({ file: 'sitemap.xml', data: parts, render: () => renderSitemapIndex(baseUrl, parts) });
  return files;
}

/** A sitemap index naming the sitemap files `parts` (site-relative file names). */
export function renderSitemapIndex(baseUrl: string, parts: ReadonlyArray<{ file: string; lastmod?: Date }>): string {
  const sitemaps = parts.map((part) => x('sitemap', [x('loc', absoluteUrl(baseUrl, `/${part.file}`)), part.lastmod ? x('lastmod', part.lastmod.toISOString()) : undefined]));
  return document(x('sitemapindex', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, sitemaps));
}

/** One `sitemap.xml` for `entries` (duplicates removed, order kept), whatever their number (see {@link sitemapFiles}). */
export function renderSitemap(baseUrl: string, entries: readonly SitemapEntry[]): string {
  const seen = new Set<string>();
  const urls = [];
  for (const entry of entries) {
    const loc = absoluteUrl(baseUrl, entry.url);
    if (seen.has(loc)) continue;
    seen.add(loc);
    urls.push(x('url', [x('loc', loc), entry.lastmod ? x('lastmod', entry.lastmod.toISOString()) : undefined]));
  }
  return document(x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, urls));
}

function document(tree: ReturnType<typeof x>): string {
  return serializeXml({ type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, { type: 'text', value: '\n' }, tree] }) + '\n';
}

/** `robots.txt` allowing everything and naming the sitemap's absolute URL. */
export function renderRobots(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(baseUrl, '/sitemap.xml')}\n`;
}
