/**
 * Interview pages in headless Chromium: platform tabs switch panels and
 * remember the reader's choice; a timestamp click (or `#t=` on the URL)
 * creates the active platform's player at that time. Every request off this
 * machine is aborted and recorded. Also saves transcript screenshots (phone
 * and desktop, light and dark, English and Chinese) to
 * `$TMPDIR/onair-interview-shots/` for a look.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ElementContent, Root as HastRoot } from 'hast';
import type { PhrasingContent, Root, Text } from 'mdast';
import type { Browser, Page } from 'playwright-core';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { remarkMatter } from '../src/content/matter.js';
import { remarkInterview } from '../src/interview/index.js';
import { builtins } from '../src/shortcodes/builtins/index.js';
import type { Shortcode, ShortcodeContext } from '../src/shortcodes/types.js';
import { blockExternal, launchBrowser, serveDir, type RequestLog, type Served } from './helpers/browser.js';

const assets = path.resolve(import.meta.dirname, '../templates/assets');
const shots = path.join(os.tmpdir(), 'onair-interview-shots');

/** Test stand-in for the shortcode syntax: a line that is exactly `{{< name arg >}}` becomes a `shortcode` node. */
function standInShortcodes() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (node) => {
      node.children = node.children.flatMap((child): PhrasingContent[] => {
        if (child.type !== 'text') return [child];
        return child.value.split(/(\{\{< \w+(?: [\w-]+)+ >\}\})/).flatMap((part): Array<Text | Shortcode> => {
          const m = /^\{\{< (\w+) ([\w -]+) >\}\}$/.exec(part);
          if (!m) return part ? [{ type: 'text', value: part }] : [];
          return [{ type: 'shortcode', name: m[1]!, delimiter: '<', form: 'inline', positional: m[2]!.split(' '), named: Object.create(null), paired: false, children: [] }];
        });
      });
    });
  };
}

/** Renders a `shortcode` node with the built-in handler, through a minimal context. */
function shortcodeHandler(file: VFile, counter: { n: number }) {
  return (_state: unknown, node: Shortcode): ElementContent[] => {
    const ctx = {
      file,
      addVideo: () => {},
      options: {},
      report: (reason) => assert.fail(reason),
      get: (key, position) => node.named[key] ?? (position === undefined ? undefined : node.positional[position]),
      uniqueId: (prefix) => `${prefix}-${++counter.n}`,
      innerHast: () => [],
    } as ShortcodeContext;
    const result = builtins[node.name]!(node, ctx);
    return result === undefined ? [] : Array.isArray(result) ? result : [result];
  };
}

async function render(markdown: string, language: string): Promise<string> {
  const file = new VFile({ path: 'post.md', value: markdown });
  const counter = { n: 0 };
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter)
    .use(remarkMatter)
    .use(standInShortcodes)
    .use(remarkInterview, { language })
    .use(remarkRehype, { handlers: { shortcode: shortcodeHandler(file, counter) as never } })
    .use(rehypeStringify);
  const tree = (await processor.run(processor.parse(file), file)) as HastRoot;
  assert.equal(file.messages.length, 0, file.messages.join('\n'));
  return processor.stringify(tree);
}

function page(title: string, language: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/style.css"><link rel="stylesheet" href="/assets/embed.css"><link rel="stylesheet" href="/assets/interview.css">
<script src="/assets/embed.js" defer></script><script src="/assets/interview.js" defer></script></head>
<body class="kind-post"><main id="main" class="site-main"><article class="post"><header class="post-header"><h1 class="post-title">${title}</h1></header>
<div class="post-body">${body}</div></article></main></body></html>`;
}

const english = `---
title: Varun Talwar on the story behind Istio
speakers:
  - name: Huabing Zhao
    label: Huabing
    role: Host
  - name: Varun Talwar
    label: Varun
    role: Co-founder, Tetrate
---

## Videos

Bilibili
{{< bilibili BV1ZG411S75r >}}

YouTube
{{< youtube JtD5wL5WABI >}}

## Chapters

- [0:00] Introduction
- [1:30] From gRPC to Envoy
- [12:34] Founding Tetrate

## Transcript

Huabing: [0:05] Hello Varun, thank you for joining us today. Can you introduce yourself?

Varun: [0:21] Thanks for having me. I was at Google for almost 12 years, in maps, search, YouTube and then cloud.

The relevant part is the last stint, in Google Cloud, where I got into microservices through gRPC.

Huabing: So how did Istio come about? [12:34]

Varun: [12:40] Lyft and Matt Klein were gRPC users, and that is how I heard about Envoy.
`;

const chinese = `---
title: Istio 创始人 Varun Talwar 解密 Istio 开源背后的故事
speakers:
  - name: 赵化冰
    role: 主持人
  - name: 瓦伦·塔尔瓦
    role: Tetrate 联合创始人
---

## 视频

Bilibili
{{< bilibili BV1ZG411S75r >}}

YouTube
{{< youtube JtD5wL5WABI >}}

## 访谈

赵化冰：[0:05] 你好，Varun，感谢你今天接受我们的采访。能先介绍一下你自己吗？

瓦伦·塔尔瓦：[0:21] 谢谢邀请。我在 Google 工作了将近 12 年，做过地图、搜索、YouTube，后来是云和基础设施。

和今天话题最相关的是在 Google Cloud 的那段经历，我通过 gRPC 进入了微服务领域。

赵化冰：Istio 是怎么诞生的？[12:34]

瓦伦·塔尔瓦：[12:40] Lyft 和 Matt Klein 是 gRPC 的用户，我就是这样知道了 Envoy。
`;

const parts = `---
title: 两集访谈
---

## 上集（P1）

{{< bilibili BV1ZG411S75r 1 >}}

赵化冰：[00:05] 你好。

张晓辉：[00:12] 大家好。

## 下集（P2）

{{< bilibili BV1ZG411S75r 2 >}}

赵化冰：[25:10] 下集我们聊聊社区。

张晓辉：[25:22] 我们每周四有社区会议。
`;

const podcast = `---
title: 播客第 17 期
---

- (00:00) 开场
- (02:30) 什么时候该考虑商业化

宋净超：[00:10] 欢迎收听本期播客。

林晨：[00:20] 大家好。
`;

describe('interview pages in a browser', () => {
  let browser: Browser | undefined;
  let skip: string | undefined;
  let server: Served;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-interview-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    for (const name of ['style.css', 'embed.css', 'embed.js', 'interview.js', 'interview.css']) {
      if (fs.existsSync(path.join(assets, name))) fs.copyFileSync(path.join(assets, name), path.join(dir, 'assets', name));
    }
    fs.writeFileSync(path.join(dir, 'en.html'), page('Varun Talwar on the story behind Istio', 'en', await render(english, 'en')));
    fs.writeFileSync(path.join(dir, 'podcast.html'), page('播客第 17 期', 'zh-CN', await render(podcast, 'zh-CN')));
    fs.writeFileSync(path.join(dir, 'parts.html'), page('两集访谈', 'zh-CN', await render(parts, 'zh-CN')));
    fs.writeFileSync(path.join(dir, 'zh.html'), page('Istio 创始人 Varun Talwar 解密 Istio 开源背后的故事', 'zh-CN', await render(chinese, 'zh-CN')));
    server = await serveDir(dir);
    ({ browser, skip } = await launchBrowser());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh context (fresh localStorage) with external requests blocked. */
  async function open(file: string, options: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; log: RequestLog; close: () => Promise<void> }> {
    const context = await browser!.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' });
    const log = await blockExternal(context);
    const page = await context.newPage();
    await page.goto(server.url + file);
    await page.waitForFunction(() => typeof (window as { onair?: { seek?: unknown } }).onair?.seek === 'function');
    return { page, log, close: () => context.close() };
  }

  const selected = (page: Page) => page.$$eval('.video-tabs [role="tab"]', (tabs) => tabs.map((t) => `${t.getAttribute('data-platform')}=${t.getAttribute('aria-selected')}`));
  const hidden = (page: Page) => page.$$eval('.video-panel', (panels) => panels.map((p) => `${p.getAttribute('data-platform')}:${(p as HTMLElement).hidden}`));
  const iframes = (page: Page) => page.$$eval('.video-panel iframe', (frames) => frames.map((f) => (f as HTMLIFrameElement).src));

  test('should switch tabs and remember the choice', async (t) => {
    if (skip) return t.skip(skip);
    const { page, log, close } = await open('en.html');
    assert.deepEqual(await selected(page), ['bilibili=false', 'youtube=true']);
    assert.deepEqual(await hidden(page), ['bilibili:true', 'youtube:false']);
    await page.click('.video-tabs [data-platform="bilibili"]');
    assert.deepEqual(await selected(page), ['bilibili=true', 'youtube=false']);
    assert.deepEqual(await hidden(page), ['bilibili:false', 'youtube:true']);
    assert.equal(await page.evaluate(() => localStorage.getItem('onair.videoPlatform')), 'bilibili');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[role="tab"][data-platform="bilibili"]')?.getAttribute('aria-selected') === 'true');
    assert.deepEqual(await hidden(page), ['bilibili:false', 'youtube:true']);
    await page.focus('.video-tabs [data-platform="bilibili"]');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await selected(page), ['bilibili=false', 'youtube=true']);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-platform')), 'youtube');
    assert.deepEqual(log.external, [], 'no request leaves the machine before a player is asked for');
    await close();
  });

  test('should create the active player at a timestamp on click', async (t) => {
    if (skip) return t.skip(skip);
    const { page, log, close } = await open('en.html');
    assert.deepEqual(await iframes(page), []);
    await page.click('.turn a.timestamp[data-t="754"]');
    let frames = await iframes(page);
    assert.equal(frames.length, 1);
    assert.match(frames[0]!, /^https:\/\/www\.youtube-nocookie\.com\/embed\/JtD5wL5WABI\?.*\bstart=754\b/);
    assert.match(page.url(), /#t=754$/);
    await page.click('.video-tabs [data-platform="bilibili"]');
    assert.deepEqual(await iframes(page), [], 'the hidden YouTube panel got its facade back, so it stops playing');
    await page.click('.chapters a.timestamp[data-t="90"]');
    frames = await iframes(page);
    assert.equal(frames.length, 1);
    assert.match(frames[0]!, /^https:\/\/player\.bilibili\.com\/player\.html\?.*\bbvid=BV1ZG411S75r\b.*\bt=90\b/);
    await page.click('.video-tabs [data-platform="youtube"]');
    await page.click('.video-panel[data-platform="youtube"] .onair-embed-play');
    assert.match((await iframes(page)).join(' '), /youtube-nocookie\.com\/embed\/JtD5wL5WABI/, 'the restored facade plays again');
    assert.ok(log.external.length > 0 && log.external.every((u) => /youtube|bilibili/.test(new URL(u).hostname)), log.external.join('\n'));
    await close();
  });

  test('should open the player at #t= from the URL', async (t) => {
    if (skip) return t.skip(skip);
    const { page, close } = await open('zh.html#t=754');
    await page.waitForSelector('.video-panel iframe');
    const frames = await iframes(page);
    assert.equal(frames.length, 1);
    assert.match(frames[0]!, /^https:\/\/player\.bilibili\.com\/.*\bt=754\b/, 'a Chinese page defaults to bilibili');
    await close();
  });

  test('should seek on ?t= and on later #t= changes only', async (t) => {
    if (skip) return t.skip(skip);
    const { page, close } = await open('en.html?t=90');
    await page.waitForSelector('.video-panel iframe');
    assert.match((await iframes(page))[0]!, /youtube-nocookie\.com\/embed\/JtD5wL5WABI\?.*\bstart=90\b/);
    await page.evaluate(() => { location.hash = '#t=30'; });
    await page.waitForFunction(() => /\bstart=30\b/.test(document.querySelector('.video-panel iframe')?.getAttribute('src') ?? ''));
    // interview.js listened first, so it has run when this listener fires.
    await page.evaluate(() => new Promise((done) => {
      addEventListener('hashchange', () => setTimeout(done, 0), { once: true });
      location.hash = '#transcript';
    }));
    assert.match((await iframes(page))[0]!, /\bstart=30\b/, 'an ordinary anchor does not seek back to ?t=');
    await close();
  });

  test('should seek the part a timestamp is under, not the first player', async (t) => {
    if (skip) return t.skip(skip);
    const { page, close } = await open('parts.html');
    const frames = () => page.$$eval('figure.onair-embed', (figs) => figs.map((f) => f.querySelector('iframe')?.src ?? 'facade'));
    await page.click('a.timestamp[data-t="1510"]');
    let now = await frames();
    assert.equal(now[0], 'facade', 'part 1 stays a facade');
    assert.match(now[1]!, /\bbvid=BV1ZG411S75r\b.*\bpage=2\b.*\bt=1510\b|\bpage=2\b.*\bt=1510\b/, 'part 2 plays at 25:10');
    await page.click('a.timestamp[data-t="12"]');
    now = await frames();
    assert.match(now[0]!, /\bpage=1\b.*\bt=12\b/, 'a time under part 1 seeks part 1 even while part 2 plays');
    await close();
  });

  test('should not dress a time without a video as something to click', async (t) => {
    if (skip) return t.skip(skip);
    const { page, close } = await open('podcast.html');
    const look = () => page.$$eval('span.timestamp', (spans) => spans.map((s) => `${getComputedStyle(s).cursor} ${getComputedStyle(s).color}`));
    const before = await look();
    assert.equal(before.length, 4, 'two chapters and two turn times, all spans on a page without a video');
    assert.ok(before.every((l) => l.startsWith('default ')), before.join('\n'));
    const link = await page.evaluate(() => {
      const a = document.createElement('a');
      a.className = 'timestamp';
      a.href = '#';
      document.body.append(a);
      return getComputedStyle(a).color;
    });
    assert.ok(before.every((l) => !l.endsWith(link)), 'not in the link colour');
    await page.hover('p span.timestamp');
    assert.deepEqual(await look(), before, 'hovering changes nothing');
    await close();
  });

  test('should keep the links to the platform for readers without JavaScript', async (t) => {
    if (skip) return t.skip(skip);
    const html = fs.readFileSync(path.join(dir, 'en.html'), 'utf8');
    assert.match(html, /<a href="https:\/\/www\.youtube\.com\/watch\?v=JtD5wL5WABI&#x26;t=754s" class="timestamp" data-t="754">12:34<\/a>/);
  });

  test('should look right: transcripts on phone and desktop, light and dark', async (t) => {
    if (skip) return t.skip(skip);
    fs.mkdirSync(shots, { recursive: true });
    const made: string[] = [];
    for (const file of ['en', 'zh']) {
      const { page, close } = await open(`${file}.html`);
      for (const width of [390, 1280]) {
        for (const dark of [false, true]) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
          const name = path.join(shots, `${file}-${width}-${dark ? 'dark' : 'light'}.png`);
          await page.screenshot({ path: name, fullPage: true });
          const turns = await page.$$eval('.turn', (els) => els.map((e) => getComputedStyle(e).borderLeftColor));
          assert.equal(turns.length, 4);
          assert.notEqual(turns[0], turns[1], 'speakers get different colours');
          assert.equal(turns[0], turns[2], 'one speaker keeps one colour');
          made.push(name);
        }
      }
      await close();
    }
    assert.equal(made.length, 8);
    console.log(`# screenshots: ${made.join(' ')}`);
  });
});

