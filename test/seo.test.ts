import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { HtmlValidate } from 'html-validate';
import * as mod from '../src/seo/head.js';
import { absoluteUrl } from '../src/seo/url.js';
import { resolveConfig } from '../src/config.js';

const site = resolveConfig({ baseUrl: 'https://blog.test/sub/', title: 'Blog', author: 'Site Author', language: 'zh-CN', description: 'Talks' });
const post: mod.HeadPost = {
  title: 'Istio </script><script>alert(1)</script> & \u2028 talk',
  description: 'About <Istio>',
  author: '赵化冰',
  date: new Date(Date.UTC(2023, 10, 16)),
  image: '/img/cover 1.png',
  tags: ['Istio', 'KubeCon'],
  categories: ['Tech'],
  keywords: ['mesh'],
  wordCount: 1234,
};

function render(options: mod.HeadOptions): string {
  return toHtml({ type: 'root', children: mod.headElements(options) });
}

test('should expose headElements, blogPosting and imageUrl', () => {
  assert.deepEqual(Object.keys(mod).sort(), ['blogPosting', 'headElements', 'imageUrl']);
});

test('should write canonical, Open Graph, Twitter and feed links for a post', () => {
  const html = render({ site, url: '/post/云原生/', title: post.title, description: 'Desc', post, feeds: [{ title: 'Blog', rss: '/index.xml', atom: '/atom.xml' }] });
  const canonical = 'https://blog.test/sub/post/%E4%BA%91%E5%8E%9F%E7%94%9F/';
  assert.ok(html.startsWith(`<link rel="canonical" href="${canonical}">`), html);
  assert.ok(html.includes('<link rel="alternate" type="application/rss+xml" title="Blog" href="https://blog.test/sub/index.xml">'));
  assert.ok(html.includes('<link rel="alternate" type="application/atom+xml" title="Blog" href="https://blog.test/sub/atom.xml">'));
  assert.ok(html.includes('<meta property="og:type" content="article">'));
  assert.ok(html.includes(`<meta property="og:url" content="${canonical}">`));
  assert.ok(html.includes('<meta property="og:image" content="https://blog.test/sub/img/cover%201.png">'), html);
  assert.ok(html.includes('<meta property="og:locale" content="zh_CN">'));
  assert.ok(html.includes('<meta property="article:published_time" content="2023-11-16T00:00:00.000Z">'));
  assert.ok(html.includes('<meta property="article:tag" content="KubeCon">'));
  assert.ok(html.includes('<meta name="twitter:card" content="summary_large_image">'));
});

test('should keep a full image URL as it is (escapes included)', () => {
  const image = 'https://images.unsplash.com/photo-1?q=80&w=3432&ixid=M3w%3D%3D';
  const html = render({ site, url: '/p/', title: 'T', description: '', post: { ...post, image } });
  assert.ok(html.includes('<meta property="og:image" content="https://images.unsplash.com/photo-1?q=80&#x26;w=3432&#x26;ixid=M3w%3D%3D">'), html);
  assert.equal(absoluteUrl(site.baseUrl, '//cdn.test/a.png', { encoded: true }), 'https://cdn.test/a.png');
});

test('should resolve a page-bundle image against the page URL', () => {
  const html = render({ site, url: '/post/x/', title: 'T', description: '', post: { ...post, image: 'cover.svg' } });
  assert.ok(html.includes('<meta property="og:image" content="https://blog.test/sub/post/x/cover.svg">'), html);
  assert.ok(html.includes('"image":"https://blog.test/sub/post/x/cover.svg"'), html);
  assert.equal(mod.imageUrl(site, 'a b.png', '/old/page.html'), 'https://blog.test/sub/old/a%20b.png');
});

test('should use og:type website and no JSON-LD for list pages', () => {
  const html = render({ site, url: '/', title: '', description: '' });
  assert.ok(html.includes('<meta property="og:type" content="website">'));
  assert.ok(html.includes('<meta property="og:title" content="Blog">'));
  assert.ok(html.includes('<meta name="twitter:card" content="summary">'));
  assert.ok(!html.includes('ld+json'));
});

test('should serialize JSON-LD BlogPosting so no content can close the script', () => {
  const html = render({ site, url: '/p/', title: post.title, description: '', post });
  const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(script, html);
  assert.doesNotMatch(script[1], /[<>&\u2028\u2029]/);
  const data = JSON.parse(script[1]);
  assert.deepEqual(data, {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: 'About <Istio>',
    mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://blog.test/sub/p/' },
    url: 'https://blog.test/sub/p/',
    author: { '@type': 'Person', name: '赵化冰' },
    datePublished: '2023-11-16T00:00:00.000Z',
    dateModified: '2023-11-16T00:00:00.000Z',
    image: 'https://blog.test/sub/img/cover%201.png',
    keywords: 'mesh, Istio, KubeCon, Tech',
    wordCount: 1234,
    inLanguage: 'zh-CN',
    publisher: { '@type': 'Organization', name: 'Blog' },
  });
});

test('should pass html-validate inside a document', async () => {
  const head = mod.headElements({ site, url: '/p/', title: 'T', description: 'D', post, feeds: [{ title: 'Blog', rss: '/index.xml', atom: '/atom.xml' }] });
  const doc = toHtml({ type: 'root', children: [{ type: 'doctype' }, h('html', { lang: 'zh-CN' }, [h('head', [h('meta', { charSet: 'utf-8' }), h('title', 'T'), ...head]), h('body', [h('p', 'x')])])] }, { upperDoctype: true });
  const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(doc);
  assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), []);
});
