/**
 * A link checker for a built site on disk, as a static host would serve it
 * at `baseUrl`: starts from the home page, 404 page, sitemap, robots.txt and
 * site feeds, follows every internal URL in HTML (links, assets, srcset,
 * meta refresh, Open Graph, JSON-LD), XML (sitemap `loc`, feed links, ids,
 * and the HTML inside feed content), CSS `url()` and robots.txt, and checks
 * that each maps to a file and that every `#fragment` names an id.
 */
import { encodePath } from '../../src/model/terms.js';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** One URL that does not resolve. */
export interface Broken {
  from: string;
  url: string;
  why: string;
}

/** What {@link crawl} found. */
export interface CrawlReport {
  /** Files fetched (relative to the output folder). */
  files: Set<string>;
  /** Internal URLs found (with repeats; each distinct one is checked once). */
  checked: number;
  broken: Broken[];
}

const urlAttributes = ['href', 'src', 'poster', 'action'];
const metaUrls = new Set(['og:image', 'og:url', 'twitter:image', 'og:video', 'og:video:url', 'og:video:secure_url']);

/** Crawl `outDir` served at `baseUrl` (absolute, ending in `/`). */
export function crawl(outDir: string, baseUrl: string): CrawlReport {
  const base = new URL(baseUrl);
  const files = new Set<string>();
  const ids = new Map<string, Set<string>>();
  const broken: Broken[] = [];
  const fragments: Array<{ from: string; file: string; id: string; url: string }> = [];
  const queue: Array<{ from: string; url: string }> = ['', '404.html', 'sitemap.xml', 'robots.txt', 'index.xml', 'atom.xml'].map((p) => ({ from: '(start)', url: new URL(p, base).href }));
  let checked = 0;
  const seen = new Set<string>();
  const resolved = new Map<string, string | { why: string }>();

  const fileOf = (url: URL): string | { why: string } => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return { why: 'bad percent-encoding' };
    }
    if (!pathname.startsWith(base.pathname)) return { why: `outside the base path \`${base.pathname}\`` };
    let rel = pathname.slice(base.pathname.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const full = path.join(outDir, rel);
    if (!full.startsWith(outDir)) return { why: 'escapes the output folder' };
    if (!fs.existsSync(full)) return { why: 'no such file' };
    if (fs.statSync(full).isDirectory()) {
      return fs.existsSync(path.join(full, 'index.html')) ? `${rel}/index.html` : { why: 'folder without index.html' };
    }
    return rel;
  };

  // An index, not `shift()`: the queue reaches tens of thousands of links.
  for (let next = 0; next < queue.length; next++) {
    const { from, url: raw } = queue[next];
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      broken.push({ from, url: raw, why: 'not a URL' });
      continue;
    }
    if (url.protocol === 'javascript:' || url.protocol === 'vbscript:') {
      broken.push({ from, url: raw, why: 'script URL' });
      continue;
    }
    if (url.origin !== base.origin) continue;
    checked++;
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    let file = resolved.get(url.pathname);
    if (file === undefined) resolved.set(url.pathname, (file = fileOf(url)));
    if (typeof file !== 'string') {
      broken.push({ from, url: raw, why: file.why });
      continue;
    }
    if (url.hash.length > 1 && file.endsWith('.html')) {
      fragments.push({ from, file, id: decodeURIComponent(url.hash.slice(1)), url: raw });
    }
    if (files.has(file)) continue;
    files.add(file);
    // The file path is what the server maps a URL to: encode it back (`tags/c#/` is served at `tags/c%23/`).
    const docUrl = new URL(encodePath(file.replace(/(^|\/)index\.html$/, '$1')), base).href;
    const text = fs.readFileSync(path.join(outDir, file), 'utf8');
    const found = (link: string) => queue.push({ from: file, url: new URL(link, docUrl).href });
    if (file.endsWith('.html')) ids.set(file, htmlLinks(fromHtml(text), found));
    else if (file.endsWith('.xml')) xmlLinks(text, found);
    else if (file.endsWith('.css')) for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) found(m[1]);
    else if (file.endsWith('robots.txt')) for (const m of text.matchAll(/^Sitemap:\s*(\S+)/gim)) found(m[1]);
  }

  for (const f of fragments) {
    if (!ids.get(f.file)?.has(f.id)) broken.push({ from: f.from, url: f.url, why: `no element with id \`${f.id}\`` });
  }
  return { files, checked, broken };
}

/** Report every URL in an HTML tree; returns the ids it defines. */
function htmlLinks(tree: Root, found: (url: string) => void): Set<string> {
  const ids = new Set<string>();
  const skip = (url: string) => /^(mailto|tel|data|blob):/i.test(url.trim()) || url.trim() === '';
  visit(tree, 'element', (node: Element) => {
    const p = node.properties;
    if (typeof p.id === 'string') ids.add(p.id);
    if (node.tagName === 'a' && typeof p.name === 'string') ids.add(p.name);
    for (const key of urlAttributes) {
      const value = p[key];
      if (typeof value === 'string' && !skip(value)) found(value);
    }
    for (const key of ['srcSet', 'imageSrcSet']) {
      const value = p[key];
      const list = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
      for (const candidate of list.split(',')) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url && !skip(url)) found(url);
      }
    }
    if (node.tagName === 'meta' && typeof p.content === 'string') {
      const property = String(p.property ?? p.name ?? '');
      if (metaUrls.has(property)) found(p.content);
      const refresh = Array.isArray(p.httpEquiv) ? p.httpEquiv.join(' ') : String(p.httpEquiv ?? '');
      if (refresh.toLowerCase() === 'refresh') {
        const match = /url=(.+)$/i.exec(p.content);
        if (match) found(match[1].trim());
      }
    }
    if (node.tagName === 'script' && p.type === 'application/ld+json') {
      const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      jsonUrls(JSON.parse(text), found);
    }
  });
  return ids;
}

/** Strings in JSON-LD that are URLs (templated ones like `{seek_to_second_number}` left out). */
function jsonUrls(value: unknown, found: (url: string) => void): void {
  if (typeof value === 'string') {
    if (/^https?:\/\//.test(value) && !value.includes('{')) found(value);
  } else if (Array.isArray(value)) value.forEach((v) => jsonUrls(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => jsonUrls(v, found));
}

/** URLs in a sitemap or feed, including those in the HTML of feed content. */
function xmlLinks(text: string, found: (url: string) => void): void {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const name = el.tagName;
    const href = el.getAttribute('href');
    if (href) found(href);
    const value = (el.textContent ?? '').trim();
    if (['loc', 'link', 'guid', 'id'].includes(name) && value && el.childNodes.length === 1) found(value);
    if (['content:encoded', 'content', 'description', 'summary'].includes(name) && value.includes('<')) {
      // hast-util-to-html wrote this HTML: attributes are double-quoted with `&` and `"` escaped.
      for (const m of value.matchAll(/\s(?:href|src|poster)="([^"]*)"/g)) found(m[1].replace(/&#x26;|&amp;/g, '&'));
    }
  }
}
