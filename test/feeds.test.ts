import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { h } from 'hastscript';
import type { Root } from 'hast';
import * as feeds from '../src/output/feeds.js';
import { renderRobots, renderSitemap, sitemapFiles, sitemapLimit } from '../src/output/sitemap.js';
import { redirectPage, renderRedirects } from '../src/output/redirects.js';
import { feedTree } from '../src/output/feed-content.js';
import { toHtml } from 'hast-util-to-html';
import { resolveConfig } from '../src/config.js';

const site = resolveConfig({ baseUrl: 'https://blog.test/sub/', title: 'Blog & <Co>', description: 'Talks', author: '赵化冰', language: 'zh-CN' });

/** Parse strictly: any well-formedness error fails the test. */
function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { errors.push(`${level}: ${message}`); } }).parseFromString(xml, 'text/xml');
  assert.deepEqual(errors, [], xml);
  // xmldom is lenient about these; XML 1.0 is not.
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(xml, /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u, 'character XML cannot hold');
  assert.doesNotMatch(xml, /&#(?:x0*(?:[0-8bcef]|1[\da-f])|0*(?:[0-8]|1[124-9]|2\d|3[01]));/i, 'reference to a control character');
  assert.doesNotMatch(xml, /\]\]>/, '`]]>` in character data');
  assert.doesNotMatch(xml, /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/, 'bare `&`');
  return doc;
}

function texts(doc: Document | Element, tag: string): string[] {
  return Array.from(doc.getElementsByTagName(tag)).map((e) => e.textContent ?? '');
}

const hostile = 'A & B < C ]]> D \u0001\u0008\u000b\uFFFE\uD800 E 🚀 "q" \'s';
const body: Root = {
  type: 'root',
  children: [
    h('p', [`Text ${hostile}`, h('a', { href: '../other/', onClick: 'alert(1)', style: 'color:red' }, 'rel'), h('img', { src: '/img/a.png', alt: 'x' })]),
    h('script', 'alert(1)'),
    h('iframe', { src: 'https://player.test/' }),
    h('a', { href: 'javascript:alert(1)' }, 'js'),
    h('figure', { className: ['onair-embed'], dataPlatform: 'youtube' }, [
      h('div', { className: ['onair-embed-frame'] }, [
        h('button', { type: 'button', className: ['onair-embed-play'] }, [
          h('img', { className: ['onair-embed-poster'], src: '/poster.jpg', alt: '' }),
          h('span', { className: ['onair-embed-title'] }, 'Talk'),
        ]),
        h('noscript', [h('a', { href: 'https://www.youtube.com/watch?v=JtD5wL5WABI' }, 'Watch')]),
      ]),
      h('figcaption', [h('a', { className: ['onair-embed-link'], href: 'https://www.youtube.com/watch?v=JtD5wL5WABI' }, 'Watch on YouTube')]),
    ]),
    h('figure', { className: ['onair-embed'] }, [h('figcaption', [h('a', { className: ['onair-embed-link'], href: 'https://www.bilibili.com/video/BV1ZG411S75r/' }, 'Watch on Bilibili')])]),
  ],
};

const entries: feeds.FeedEntry[] = Array.from({ length: 25 }, (_, i) => ({
  title: i === 0 ? `Title ${hostile}` : `Post ${i}`,
  url: i === 0 ? '/tags/c#/云原生/' : `/post/p${i}/`,
  date: new Date(Date.UTC(2023, 10, 25 - i)),
  author: '赵化冰',
  summaryText: `Summary ${hostile}`,
  body,
  categories: ['Tech', 'C++ & <More>'],
}));

test('should expose renderRss, renderAtom and feedUrls', () => {
  assert.deepEqual(Object.keys(feeds).sort(), ['atomBytes', 'feedUrls', 'renderAtom', 'renderRss', 'rssBytes']);
  assert.deepEqual(feeds.feedUrls('/tags/istio/'), { rss: '/tags/istio/index.xml', atom: '/tags/istio/atom.xml' });
});

test('should make a well-formed RSS 2.0 feed with required elements, the limit and absolute URLs', () => {
  const xml = feeds.renderRss({ site, url: '/tags/istio/', title: 'Istio', entries });
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rss'));
  const doc = parse(xml);
  const channel = doc.getElementsByTagName('channel')[0];
  assert.equal(texts(channel, 'title')[0], 'Istio');
  assert.equal(texts(channel, 'link')[0], 'https://blog.test/sub/tags/istio/');
  assert.equal(doc.getElementsByTagName('atom:link')[0].getAttribute('href'), 'https://blog.test/sub/tags/istio/index.xml');
  const items = doc.getElementsByTagName('item');
  assert.equal(items.length, 20);
  const first = items[0];
  assert.equal(texts(first, 'title')[0], 'Title A & B < C ]]> D  E 🚀 "q" \'s');
  assert.equal(texts(first, 'link')[0], 'https://blog.test/sub/tags/c%23/%E4%BA%91%E5%8E%9F%E7%94%9F/');
  assert.equal(texts(first, 'pubDate')[0], 'Sat, 25 Nov 2023 00:00:00 GMT');
  assert.deepEqual(texts(first, 'category'), ['Tech', 'C++ & <More>']);
  const html = texts(first, 'content:encoded')[0];
  assert.ok(html.includes('Text A &#x26; B &#x3C; C ]]> D  E 🚀'), html);
  assert.ok(!/<script|<iframe|onclick|style=|javascript:|<button|<noscript/i.test(html), html);
  assert.ok(html.includes('<a href="https://blog.test/sub/tags/c%23/other/">rel</a>'), html);
  assert.ok(html.includes('<img src="https://blog.test/img/a.png" alt="x">'), html);
  assert.ok(html.includes('<figure><a href="https://www.youtube.com/watch?v=JtD5wL5WABI"><img src="https://blog.test/poster.jpg" alt="Watch on YouTube: Talk"></a><figcaption><a href="https://www.youtube.com/watch?v=JtD5wL5WABI">Watch on YouTube: Talk</a></figcaption></figure>'), html);
  assert.ok(html.includes('<p><a href="https://www.bilibili.com/video/BV1ZG411S75r/">Watch on Bilibili</a></p>'), html);
});

test('should make a well-formed Atom feed with required elements', () => {
  const xml = feeds.renderAtom({ site: { ...site, feeds: { limit: 3, fullContent: false } }, url: '/', entries: entries.map((e) => ({ ...e, summary: [h('p', 'Short <b>')] })) });
  const doc = parse(xml);
  const feed = doc.documentElement!;
  assert.equal(feed.getAttribute('xmlns'), 'http://www.w3.org/2005/Atom');
  assert.equal(texts(feed, 'title')[0], 'Blog & <Co>');
  assert.equal(texts(feed, 'id')[0], 'https://blog.test/sub/');
  assert.equal(texts(feed, 'updated')[0], '2023-11-25T00:00:00.000Z');
  assert.equal(texts(feed, 'name')[0], '赵化冰');
  const self = Array.from(feed.getElementsByTagName('link')).find((l) => l.getAttribute('rel') === 'self');
  assert.equal(self?.getAttribute('href'), 'https://blog.test/sub/atom.xml');
  const list = feed.getElementsByTagName('entry');
  assert.equal(list.length, 3);
  for (const entry of Array.from(list)) {
    for (const tag of ['title', 'id', 'updated', 'published', 'link']) assert.equal(entry.getElementsByTagName(tag).length, 1, tag);
  }
  assert.equal(texts(list[0], 'content')[0], '<p>Short &#x3C;b></p>');
});

test('should make a well-formed empty feed', () => {
  parse(feeds.renderRss({ site, url: '/', entries: [] }));
  parse(feeds.renderAtom({ site, url: '/', entries: [] }));
});

test('should not change the body when making feed content', () => {
  const before = toHtml(body);
  feedTree(body.children, 'https://blog.test/sub/post/x/');
  assert.equal(toHtml(body), before);
});

test('should make a sitemap with absolute URLs and lastmod, and robots.txt', () => {
  const xml = renderSitemap(site.baseUrl, [
    { url: '/', lastmod: new Date(Date.UTC(2023, 10, 16)) },
    { url: '/tags/云原生/' },
    { url: '/tags/c#/' },
    { url: '/' },
  ]);
  const doc = parse(xml);
  assert.equal(doc.documentElement!.getAttribute('xmlns'), 'http://www.sitemaps.org/schemas/sitemap/0.9');
  assert.deepEqual(texts(doc, 'loc'), ['https://blog.test/sub/', 'https://blog.test/sub/tags/%E4%BA%91%E5%8E%9F%E7%94%9F/', 'https://blog.test/sub/tags/c%23/']);
  assert.deepEqual(texts(doc, 'lastmod'), ['2023-11-16T00:00:00.000Z']);
  assert.equal(renderRobots(site.baseUrl), 'User-agent: *\nAllow: /\n\nSitemap: https://blog.test/sub/sitemap.xml\n');
});

test('should split a sitemap past the protocol limit into files under a sitemap index', () => {
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  const entries = [{ url: '/a/', lastmod: day(3) }, { url: '/b/', lastmod: day(9) }, { url: '/a/' }, { url: '/c/' }, { url: '/d/', lastmod: day(1) }, { url: '/e/' }];
  // At the limit: one sitemap, duplicates dropped.
  const one = sitemapFiles(site.baseUrl, entries, 5);
  assert.deepEqual(one.map((part) => part.file), ['sitemap.xml']);
  assert.deepEqual(texts(parse(one[0]!.render()), 'loc').length, 5);
  // Past it: files of at most `limit` URLs each, in order, and an index naming them with their latest change.
  const parts = sitemapFiles(site.baseUrl, entries, 2);
  assert.deepEqual(parts.map((part) => part.file), ['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap.xml']);
  assert.deepEqual(parts.slice(0, 3).map((part) => texts(parse(part.render()), 'loc')), [
    ['https://blog.test/sub/a/', 'https://blog.test/sub/b/'],
    ['https://blog.test/sub/c/', 'https://blog.test/sub/d/'],
    ['https://blog.test/sub/e/'],
  ]);
  const index = parse(parts[3]!.render());
  assert.equal(index.documentElement!.tagName, 'sitemapindex');
  assert.equal(index.documentElement!.getAttribute('xmlns'), 'http://www.sitemaps.org/schemas/sitemap/0.9');
  assert.deepEqual(texts(index, 'loc'), ['https://blog.test/sub/sitemap-1.xml', 'https://blog.test/sub/sitemap-2.xml', 'https://blog.test/sub/sitemap-3.xml']);
  assert.deepEqual(texts(index, 'lastmod'), ['2024-01-09T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
  assert.equal(sitemapLimit, 50_000);
});

test('should make redirect pages and a _redirects file', () => {
  const page = toHtml(redirectPage(site.baseUrl, { from: '/old/', to: '/post/新/' }, 'zh-CN'));
  assert.equal(
    page,
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>https://blog.test/sub/post/%E6%96%B0/</title><link rel="canonical" href="https://blog.test/sub/post/%E6%96%B0/"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=https://blog.test/sub/post/%E6%96%B0/"></head><body><p>本页已移至 <a href="https://blog.test/sub/post/%E6%96%B0/">https://blog.test/sub/post/%E6%96%B0/</a>。</p></body></html>'
  );
  // The sentence is in the site's language: Traditional characters for Taiwan, English for anything not Chinese.
  assert.match(toHtml(redirectPage(site.baseUrl, { from: '/old/', to: '/x/' }, 'zh-TW')), /<p>本頁已移至 <a href="https:\/\/blog.test\/sub\/x\/">https:\/\/blog.test\/sub\/x\/<\/a>。<\/p>/);
  assert.match(toHtml(redirectPage(site.baseUrl, { from: '/old/', to: '/x/' }, 'fr')), /<html lang="fr">.*<p>This page has moved to <a href="https:\/\/blog.test\/sub\/x\/">/);
  assert.equal(renderRedirects('/sub/', [{ from: '/old page/', to: '/post/x/' }, { from: '/a.html', to: '/b/' }]), '/sub/old%20page/ /sub/post/x/ 301\n/sub/a.html /sub/b/ 301\n');
  assert.equal(renderRedirects('/', []), '');
});
