/**
 * RSS 2.0 and Atom feeds as xast, serialized well-formed whatever the content.
 * RSS sits at Hugo's path (`/index.xml`, `/tags/istio/index.xml`), Atom
 * beside it (`atom.xml`). Full content by default, made feed-safe by
 * `feed-content.ts`; every URL absolute.
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import type { Element, Root as XmlRoot } from 'xast';
import { x } from 'xastscript';
import { listFolder } from '../model/paginate.js';
import { absoluteUrl } from '../seo/url.js';
import type { SiteConfig } from '../types.js';
import { feedHtml } from './feed-content.js';
import { serializeXml, serializeXmlBytes, xmlTextMemo, type RawBytes } from './xml.js';

/** One post in a feed. */
export interface FeedEntry {
  title: string;
  /** Site-relative URL (`/post/foo/`). */
  url: string;
  date?: Date;
  lastmod?: Date;
  author?: string;
  /** Plain-text summary. */
  summaryText: string;
  /** Summary as hast (used when the site turns full content off). */
  summary?: ElementContent[];
  /** The post body as hast (full content). */
  body?: HastRoot;
  /** The post body already made feed-safe with `feedHtml` (what the build keeps instead of the hast). */
  html?: string;
  /** Tags and categories, as written. */
  categories?: string[];
}

/** Options of {@link renderRss} and {@link renderAtom}. */
export interface FeedOptions {
  site: SiteConfig;
  /** Site-relative URL of the list the feed belongs to (`/`, `/tags/istio/`). */
  url: string;
  /** Feed title. Default: the site title. */
  title?: string;
  /** Feed description. Default: the site description. */
  description?: string;
  /** Newest first; cut to `site.feeds.limit`. */
  entries: FeedEntry[];
  /** Used for `updated` when no entry has a date. Default: the Unix epoch, so output is reproducible. */
  now?: Date;
}

/** Site-relative URLs of the feeds of the list at `url` (`/tags/istio/`; a file URL `/notes.html` has them in `/notes/`). */
export function feedUrls(url: string): { rss: string; atom: string } {
  const base = listFolder(url);
  return { rss: `${base}index.xml`, atom: `${base}atom.xml` };
}

function limited(options: FeedOptions): FeedEntry[] {
  const limit = options.site.feeds.limit;
  return limit > 0 ? options.entries.slice(0, limit) : options.entries;
}

function content(entry: FeedEntry, site: SiteConfig, link: string): string {
  if (site.feeds.fullContent && entry.html !== undefined) return entry.html;
  if (site.feeds.fullContent && entry.body) return feedHtml(entry.body.children, link);
  if (entry.summary) return feedHtml(entry.summary, link);
  return '';
}

/**
 * A post is in the site feed, its section's and each of its terms': its
 * body is escaped once per build (per site config), not once per feed.
 */
const escaped = new WeakMap<SiteConfig, (html: string) => RawBytes>();

function contentNode(site: SiteConfig, html: string): RawBytes {
  let memo = escaped.get(site);
  if (!memo) escaped.set(site, (memo = xmlTextMemo(32 * 1024 * 1024)));
  return memo(html);
}

function updated(entries: FeedEntry[], now?: Date): Date {
  const times = entries.map((e) => (e.lastmod ?? e.date)?.getTime()).filter((t): t is number => t !== undefined);
  return times.length > 0 ? new Date(Math.max(...times)) : (now ?? new Date(0));
}

/**
 * RSS readers render `<description>` as HTML: plain text is escaped as HTML
 * first (then as XML by the serializer), so a `<script>` in a summary stays text.
 */
function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** RSS 2.0 document for `options` (with `atom:link rel=self` and `content:encoded`). */
export function renderRss(options: FeedOptions): string {
  return serializeXml(rssTree(options));
}

/** `renderRss` as UTF-8 bytes (what a build writes: the post bodies are copied in already encoded). */
export function rssBytes(options: FeedOptions): Uint8Array {
  return serializeXmlBytes(rssTree(options));
}

function rssTree(options: FeedOptions): XmlRoot {
  const { site } = options;
  const entries = limited(options);
  const abs = (url: string) => absoluteUrl(site.baseUrl, url);
  const items = entries.map((entry) => {
    const link = abs(entry.url);
    const html = content(entry, site, link);
    return x('item', [
      x('title', entry.title),
      x('link', link),
      x('guid', { isPermaLink: 'true' }, link),
      entry.date ? x('pubDate', entry.date.toUTCString()) : undefined,
      entry.author ? x('dc:creator', entry.author) : undefined,
      ...(entry.categories ?? []).map((c) => x('category', c)),
      x('description', htmlText(entry.summaryText)),
      html ? x('content:encoded', [contentNode(site, html)]) : undefined
    ]);
  });
  const channel = x('channel', [
    x('title', options.title ?? site.title),
    x('link', abs(options.url)),
    x('description', htmlText(options.description ?? site.description ?? site.title)),
    x('language', site.language),
    x('generator', 'onair'),
    x('lastBuildDate', updated(entries, options.now).toUTCString()),
    x('atom:link', { href: abs(feedUrls(options.url).rss), rel: 'self', type: 'application/rss+xml' }),
    ...items
  ]);
  const rss = x(
    'rss',
    {
      version: '2.0',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/'
    },
    [channel]
  );
  return document(rss);
}

/** Atom 1.0 document for `options`. */
export function renderAtom(options: FeedOptions): string {
  return serializeXml(atomTree(options));
}

/** `renderAtom` as UTF-8 bytes. */
export function atomBytes(options: FeedOptions): Uint8Array {
  return serializeXmlBytes(atomTree(options));
}

function atomTree(options: FeedOptions): XmlRoot {
  const { site } = options;
  const entries = limited(options);
  const abs = (url: string) => absoluteUrl(site.baseUrl, url);
  const author = (name?: string) => (name ? x('author', [x('name', name)]) : undefined);
  const feed = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': site.language }, [
    x('title', options.title ?? site.title),
    x('subtitle', options.description ?? site.description ?? ''),
    x('id', abs(options.url)),
    x('link', { rel: 'alternate', type: 'text/html', href: abs(options.url) }),
    x('link', { rel: 'self', type: 'application/atom+xml', href: abs(feedUrls(options.url).atom) }),
    x('updated', updated(entries, options.now).toISOString()),
    // Atom requires an author on the feed or on every entry.
    author(site.author || site.title),
    x('generator', 'onair'),
    ...entries.map((entry) => {
      const link = abs(entry.url);
      const html = content(entry, site, link);
      const published = entry.date ?? entry.lastmod ?? options.now ?? new Date(0);
      return x('entry', [
        x('title', { type: 'text' }, entry.title),
        x('id', link),
        x('link', { rel: 'alternate', type: 'text/html', href: link }),
        x('published', published.toISOString()),
        x('updated', (entry.lastmod ?? published).toISOString()),
        author(entry.author),
        ...(entry.categories ?? []).map((c) => x('category', { term: c })),
        x('summary', { type: 'text' }, entry.summaryText),
        html ? x('content', { type: 'html' }, [contentNode(site, html)]) : undefined
      ]);
    })
  ]);
  return document(feed);
}

function document(root: Element): XmlRoot {
  return {
    type: 'root',
    children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, { type: 'text', value: '\n' }, root, { type: 'text', value: '\n' }]
  };
}
