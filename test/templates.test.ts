/**
 * The default theme: every template rendered with hand-built props, compiled
 * from TSX with esbuild the way the renderer does, stringified with
 * rehype-stringify and validated with html-validate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import { HtmlValidate } from 'html-validate';
import type { LayoutProps, PageContext, PostSummary, Template } from '../src/render/types.js';
import type { PostContent, PostMeta, SiteConfig } from '../src/types.js';
import { resolveConfig } from '../src/config.js';
import { createPageContext } from '../src/render/page.js';
import { compileTemplate } from '../src/render/templates.js';

const templatesDir = path.resolve(import.meta.dirname, '../templates');

const compiled = new Map<string, Promise<Template<any>>>();

/** Compile one template with the renderer's own compiler, once per name. */
function load<P>(name: string): Promise<Template<P>> {
  if (!compiled.has(name)) compiled.set(name, compileTemplate(path.join(templatesDir, `${name}.tsx`)).then((t) => t!));
  return compiled.get(name)!;
}

/** Site config with everything the templates may read (defaults from the real resolver). */
export const site: SiteConfig = resolveConfig({
  baseUrl: 'https://blog.example.com/sub/',
  title: '赵化冰的博客',
  description: '云原生、服务网格与开源访谈',
  language: 'zh-CN',
  author: '赵化冰',
});

/** Page context for a page at `url` (site-relative), made as the build makes it. */
export function pageContext(kind: PageContext['kind'], url: string, title: string, extra: Partial<PageContext> = {}): PageContext {
  return { ...createPageContext(site, { kind, title, description: `${title}的描述`, url }), ...extra };
}

const body: Root = h(null, [
  h('p', 'Hello, Varun, thank you for joining us today.'),
  h('h2', { id: '访谈内容' }, '访谈内容'),
  h('p', ['Istio 是一个', h('strong', '服务网格'), '项目。']),
  h('pre', h('code', { className: ['language-ts'] }, 'const mesh = "istio";\n')),
  h('table', [
    h('thead', h('tr', [h('th', '年份'), h('th', '事件')])),
    h('tbody', [h('tr', [h('td', '2017'), h('td', 'Istio 0.1 发布')])])
  ]),
  h('h3', { id: 'q-and-a' }, 'Q & A')
]);

const meta: PostMeta = {
  title: 'KubeCon 芝加哥现场报道 - Istio 创始人 Varun Talwar 解密 Istio 开源背后的故事',
  titleFromFileName: false,
  subtitle: '一次关于开源与创业的对话',
  description: 'Istio 创始人访谈',
  author: '赵化冰',
  date: new Date('2023-11-16T00:00:00Z'),
  draft: false,
  image: 'https://images.unsplash.com/photo-1597116789352?q=80&w=3432',
  tags: ['KubeCon', 'Istio', 'Service Mesh', '云原生', 'C++', '🚀'],
  categories: ['Tech', 'Open Source'],
  taxonomies: { tags: ['KubeCon', 'Istio', 'Service Mesh', '云原生', 'C++'], categories: ['Tech', 'Open Source'] },
  metadata: [
    { text: 'Bilibili', link: 'https://www.bilibili.com/video/BV15G411y7hP/' },
    { text: 'YouTube', link: 'https://www.youtube.com/watch?v=JtD5wL5WABI' }
  ],
  showToc: true,
  aliases: [],
  keywords: [],
  videos: [],
  speakers: [],
  params: {},
  sourcePath: 'content/post/2023-11-16-kubecon.md',
  contentPath: 'post/2023-11-16-kubecon.md',
  section: 'post',
  kind: 'page',
  url: '/post/2023-11-16-kubecon/',
  outputPath: 'post/2023-11-16-kubecon/index.html',
  slugName: '2023-11-16-kubecon',
  resources: []
};

const content: PostContent = {
  body,
  summary: [h('p', 'Hello, Varun, thank you for joining us today.')],
  summaryText: 'Hello, Varun, thank you for joining us today.',
  truncated: true,
  wordCount: 3456,
  readingTime: 16,
  toc: [{ depth: 2, id: '访谈内容', text: '访谈内容', children: [{ depth: 3, id: 'q-and-a', text: 'Q & A', children: [] }] }],
  hasEmbeds: false
};

/** A realistic post with a Chinese title. */
export const post = { ...meta, ...content };

/** The same post as a list entry. */
export const summary: PostSummary = (({ body: _b, toc: _t, ...rest }) => rest)(post);

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // rehype-stringify writes `<!doctype html>`; the lowercase form is valid HTML.
    'doctype-style': 'off'
  }
});

/** Render a page template inside the layout, like the renderer. */
async function renderPage<P extends { page: PageContext }>(name: string, props: P): Promise<string> {
  const template = await load<P>(name);
  const layout = await load<LayoutProps>('layout');
  const main = template(props);
  const children = (Array.isArray(main) ? main : main.type === 'root' ? main.children : [main]) as ElementContent[];
  return unified().use(rehypeStringify).stringify(layout({ page: props.page, children }) as Root);
}

async function assertValid(html: string): Promise<void> {
  const report = await validator.validateString(html);
  const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(problems, [], problems.join('\n'));
}

test('should provide every template the renderer loads, each a default function', async () => {
  const { templateNames } = await import('../src/render/templates.js');
  assert.deepEqual([...templateNames].sort(), ['404', 'archive', 'layout', 'list', 'post', 'search', 'terms']);
  for (const name of templateNames) {
    assert.equal(typeof (await load(name)), 'function', name);
  }
});

test('should render the layout as a full document with head, nav and footer', async () => {
  const page = pageContext('post', post.url, post.title, {
    styles: ['/assets/embed.css'],
    scripts: ['/assets/embed.js'],
    head: [h('link', { rel: 'alternate', type: 'application/rss+xml', href: '/sub/index.xml' })]
  });
  const html = await renderPage('post', { page, post });
  assert.match(html, /^<!doctype html><html lang="zh-CN">/);
  assert.match(html, /<meta charset="utf-8">/);
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(html, /<title>KubeCon 芝加哥现场报道 .* · 赵化冰的博客<\/title>/);
  assert.match(html, /<meta name="description" content="KubeCon 芝加哥.*的描述">/);
  assert.match(html, /<meta name="color-scheme" content="light dark">/);
  assert.match(html, /<link rel="stylesheet" href="\/sub\/assets\/style.css"><link rel="stylesheet" href="\/sub\/assets\/embed.css">/);
  assert.match(html, /<link rel="alternate" type="application\/rss\+xml" href="\/sub\/index.xml">/);
  assert.match(html, /<script src="\/sub\/assets\/embed.js" defer><\/script>/);
  for (const href of ['/sub/', '/sub/archive/', '/sub/tags/', '/sub/categories/', '/sub/search/']) {
    assert.ok(html.includes(`href="${href}"`), `nav links to ${href}`);
  }
  assert.match(html, /<main id="main" class="site-main">/);
  assert.match(html, /<footer class="site-footer">/);
  await assertValid(html);
});

test('should drop the site title from a long page title', async () => {
  const long = 'Ambient Mesh Without Sidecars: A Conversation with Lin Sun About Istio';
  const html = await renderPage('post', { page: pageContext('post', post.url, long), post: { ...post, title: long } });
  assert.match(html, /<title>Ambient Mesh Without Sidecars: A Conversation with Lin Sun About Istio<\/title>/);
  await assertValid(html);
});

test('should render a post with byline, terms, buttons, hero, toc, body and prev/next', async () => {
  const page = pageContext('post', post.url, post.title);
  const prev = { title: '上一篇文章', url: '/post/older/' };
  const next = { title: 'A newer post', url: '/post/newer/' };
  const html = await renderPage('post', { page, post, prev, next });
  assert.match(html, /<h1 class="post-title p-name">KubeCon 芝加哥现场报道/);
  assert.match(html, /<p class="post-subtitle">一次关于开源与创业的对话<\/p>/);
  assert.match(html, /<time class="dt-published" datetime="2023-11-16">2023年11月16日<\/time>/);
  assert.match(html, /约 16 分钟/);
  assert.match(html, /3,456 字/);
  assert.match(html, /href="\/sub\/tags\/service-mesh\/" rel="tag">Service Mesh</);
  // Links are percent-encoded, as static hosts serve them.
  assert.match(html, /href="\/sub\/tags\/%E4%BA%91%E5%8E%9F%E7%94%9F\/"/);
  assert.match(html, /href="\/sub\/tags\/c\+\+\/" rel="tag">C\+\+</);
  assert.ok(html.includes('>🚀<') === false, 'a term without a URL key gets no link');
  assert.match(html, /href="\/sub\/categories\/open-source\/" rel="tag">Open Source</);
  assert.match(html, /<a class="button" href="https:\/\/www.youtube.com\/watch\?v=JtD5wL5WABI" rel="external noopener" target="_blank">YouTube<\/a>/);
  assert.match(html, /<img src="https:\/\/images.unsplash.com\/[^"]*" alt="KubeCon 芝加哥[^"]*" loading="eager" decoding="async"/);
  assert.match(html, /<nav class="toc"[^>]*>.*<a href="#访谈内容">访谈内容<\/a><ol><li><a href="#q-and-a">Q &#x26; A<\/a>/);
  assert.match(html, /<div class="post-body e-content"><p>Hello, Varun/);
  assert.match(html, /<table><thead><tr><th>年份<\/th>/);
  assert.match(html, /<a class="post-nav-prev" href="\/sub\/post\/older\/" rel="prev">.*上一篇文章/);
  assert.match(html, /<a class="post-nav-next" href="\/sub\/post\/newer\/" rel="next">.*A newer post/);
  await assertValid(html);
});

test('should leave out what a post does not have', async () => {
  const bare = { ...post, subtitle: undefined, image: undefined, tags: [], categories: [], metadata: [], showToc: false };
  const html = await renderPage('post', { page: pageContext('post', post.url, post.title), post: bare });
  const undated = await renderPage('post', { page: pageContext('post', '/about/', 'About'), post: { ...bare, date: undefined } });
  assert.ok(!undated.includes('class="byline"'), 'no byline on an undated page');
  for (const absent of ['post-subtitle', 'post-hero', 'class="toc"', 'terms-inline', 'post-links', 'post-nav']) {
    assert.ok(!html.includes(absent), `no ${absent}`);
  }
  await assertValid(html);
});

test('should render a paginated list with summaries, read more and page numbers', async () => {
  const page = pageContext('home', '/page/2/', site.title);
  const posts = [summary, { ...summary, title: 'Second post', url: '/post/second/', truncated: false, tags: [] }];
  const pagination = {
    page: 2,
    totalPages: 5,
    totalItems: 42,
    prev: '/',
    next: '/page/3/',
    pages: ['/', '/page/2/', '/page/3/', '/page/4/', '/page/5/']
  };
  const html = await renderPage('list', { page, heading: site.title, posts, pagination, feed: '/index.xml' });
  assert.match(html, /<title>赵化冰的博客<\/title>/);
  assert.match(html, /<h1 class="list-title">赵化冰的博客<\/h1>/);
  assert.equal(html.match(/class="post-card"/g)?.length, 2);
  assert.equal(html.match(/class="read-more"/g)?.length, 1);
  assert.match(html, /<a class="page-prev" href="\/sub\/" rel="prev">/);
  assert.match(html, /<a class="page-next" href="\/sub\/page\/3\/" rel="next">/);
  assert.match(html, /<a aria-current="page" href="\/sub\/page\/2\/" aria-label="第 2 页">2<\/a>/);
  assert.match(html, /href="\/sub\/index.xml"/);
  await assertValid(html);
});

test('should name the taxonomy above a term page heading', async () => {
  const page = pageContext('term', '/tags/istio/', 'Istio');
  const pagination = { page: 1, totalPages: 1, totalItems: 1, pages: ['/tags/istio/'] };
  const html = await renderPage('list', { page, heading: 'Istio', posts: [summary], pagination });
  assert.match(html, /<p class="list-kicker"><a href="\/sub\/tags\/">标签<\/a><\/p><h1 class="list-title">Istio<\/h1>/);
  await assertValid(html);
});

test('should show an intro and no pagination on a single-page section', async () => {
  const page = pageContext('section', '/post/', 'Posts');
  const intro = [h('p', 'Interviews from conferences.')];
  const pagination = { page: 1, totalPages: 1, totalItems: 1, pages: ['/post/'] };
  const html = await renderPage('list', { page, heading: 'Posts', intro, posts: [summary], pagination });
  assert.match(html, /<div class="list-intro"><p>Interviews from conferences.<\/p><\/div>/);
  assert.ok(!html.includes('class="pagination"'));
  await assertValid(html);
});

test('should render terms, archive, 404 and search pages', async () => {
  const terms = await renderPage('terms', {
    page: pageContext('terms', '/tags/', '标签'),
    taxonomy: 'tags',
    terms: [
      { name: 'Istio', url: '/tags/istio/', count: 12 },
      { name: '云原生', url: '/tags/云原生/', count: 3 }
    ]
  });
  assert.match(terms, /<a class="term" href="\/sub\/tags\/istio\/">Istio<span class="count">12<span class="visually-hidden"> 篇<\/span><\/span><\/a>/);
  await assertValid(terms);

  const archive = await renderPage('archive', {
    page: pageContext('archive', '/archive/', '归档'),
    years: [
      { year: 2023, count: 1, posts: [{ title: post.title, url: post.url, date: post.date }] },
      { year: 2021, count: 1, posts: [{ title: 'Old', url: '/post/old/', date: new Date('2021-02-03T00:00:00Z') }] }
    ]
  });
  assert.match(archive, /<h2 id="year-2023">2023 <span class="count">1 篇<\/span><\/h2>/);
  assert.match(archive, /<time datetime="2021-02-03">02-03<\/time><a href="\/sub\/post\/old\/">Old<\/a>/);
  await assertValid(archive);

  // A large site's archive: older years link to their own pages, which list their posts.
  const split = await renderPage('archive', {
    page: pageContext('archive', '/archive/', '归档'),
    years: [
      { year: 2023, count: 1, url: '/archive/2023/', posts: [{ title: post.title, url: post.url, date: post.date }] },
      { year: 2021, count: 4000, url: '/archive/2021/', posts: [] }
    ]
  });
  assert.match(split, /<h2 id="year-2021"><a href="\/sub\/archive\/2021\/">2021<\/a> <span class="count">4000 篇<\/span><\/h2><\/section>/);
  await assertValid(split);
  const year = await renderPage('archive', {
    page: pageContext('archive', '/archive/2021/', '归档'),
    year: 2021,
    years: [{ year: 2021, count: 1, posts: [{ title: 'Old', url: '/post/old/', date: new Date('2021-02-03T00:00:00Z') }] }]
  });
  assert.match(year, /<h1 class="list-title">归档 2021<\/h1><p class="archive-up"><a href="\/sub\/archive\/">← 归档<\/a><\/p>/);
  assert.match(year, /<h2 id="year-2021">2021 <span class="count">1 篇<\/span><\/h2>/);
  assert.match(year, /<title>归档 2021 · /);
  await assertValid(year);

  const missing = await renderPage('404', { page: pageContext('404', '/404.html', '页面不存在') });
  assert.match(missing, /<h1>页面不存在<\/h1>/);
  assert.match(missing, /href="\/sub\/"/);
  await assertValid(missing);

  const search = await renderPage('search', {
    page: pageContext('search', '/search/', '搜索', { scripts: ['/pagefind/pagefind-ui.js'], styles: ['/pagefind/pagefind-ui.css'] })
  });
  assert.match(search, /<div id="search" class="search" data-onair-search="">/);
  assert.match(search, /<input id="search-input" type="search" name="q"/);
  assert.match(search, /<script src="\/sub\/pagefind\/pagefind-ui.js" defer>/);
  assert.match(search, /<link rel="stylesheet" href="\/sub\/pagefind\/pagefind-ui.css">/);
  await assertValid(search);
});

test('should use English labels for an English site', async () => {
  const page = { ...pageContext('post', post.url, 'Hello'), language: 'en' };
  const html = await renderPage('post', { page, post: { ...post, title: 'Hello', date: new Date('2024-01-05T00:00:00Z') } });
  assert.match(html, /<html lang="en">/);
  assert.match(html, /datetime="2024-01-05">Jan 5, 2024</);
  assert.match(html, /16 min read/);
  assert.match(html, /3,456 words/);
  assert.match(html, />Archive</);

  const archive = await renderPage('archive', { page: { ...pageContext('archive', '/archive/', 'Archive'), language: 'en' }, years: [] });
  assert.match(archive, /<title>Archive · 赵化冰的博客<\/title>/);
});

test('should use Traditional Chinese labels for Taiwan, Hong Kong, Macau and Hant sites', async () => {
  for (const language of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-hant-MO']) {
    const html = await renderPage('post', { page: { ...pageContext('post', post.url, '你好'), language }, post: { ...post, title: '你好' } });
    assert.match(html, />歸檔</, language);
    assert.match(html, /約 16 分鐘/, language);
    assert.doesNotMatch(html, /归档|分钟|首页|阅读全文|Archive/, language);
    const missing = await renderPage('404', { page: { ...pageContext('404', '/404.html', '404'), language } });
    assert.match(missing, /<title>頁面不存在 · /, language);
  }
  // A script subtag wins over the region; any other Chinese tag is Simplified.
  for (const language of ['zh-Hans-TW', 'zh', 'zh-SG']) {
    const html = await renderPage('post', { page: { ...pageContext('post', post.url, '你好'), language }, post: { ...post, title: '你好' } });
    assert.match(html, />归档</, language);
  }
});

test('should name fixed pages in the page language whatever their title', async () => {
  const html = await renderPage('terms', { page: pageContext('terms', '/categories/', 'Categories'), taxonomy: 'categories', terms: [] });
  assert.match(html, /<title>分类 · 赵化冰的博客<\/title>/);
  assert.match(html, /<h1 class="list-title">分类<\/h1>/);
  const missing = await renderPage('404', { page: pageContext('404', '/404.html', '404') });
  assert.match(missing, /<title>页面不存在 · 赵化冰的博客<\/title>/);
});

test('should keep the stylesheet offline: no imports, fonts or remote URLs', () => {
  const css = fs.readFileSync(path.join(templatesDir, 'assets/style.css'), 'utf8');
  assert.doesNotMatch(css, /@import|@font-face|url\(|https?:\/\//);
  for (const selector of ['.turn', '.speaker', '[data-speaker-index="5"]', '.timestamp', '.video-tabs', '.chapters', '.shiki', 'prefers-color-scheme: dark']) {
    assert.ok(css.includes(selector), `styles ${selector}`);
  }
});

test('should show first, last and two pages around the current one, with gaps', async () => {
  const { pageWindow } = await import('../templates/partials/pagination.js');
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(2, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(pageWindow(10, 20), [1, 0, 8, 9, 10, 11, 12, 0, 20]);
  assert.deepEqual(pageWindow(20, 20), [1, 0, 18, 19, 20]);
});
