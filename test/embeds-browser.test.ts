/**
 * Embeds in headless Chromium: no request to any video host before a click,
 * the click swaps in the right player, timestamps seek, hidden tabs are
 * skipped. Also saves facade screenshots to /tmp for a look.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { blockExternal, launchBrowser, serveDir, type RequestLog, type Served } from './helpers/browser.js';
import { embedPage, render } from './helpers/embeds.js';

const videoHost = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|bilibili\.com|hdslb\.com|bilivideo\.(com|cn)|biliapi\.(com|net)|vimeo\.com|vimeocdn\.com)$/;
const assets = path.resolve(import.meta.dirname, '../templates/assets');
const matter = { title: 'KubeCon 芝加哥现场报道 - Istio 创始人 Varun Talwar 解密 Istio 开源背后的故事' };

function toVideoHosts(urls: string[]): string[] {
  return urls.filter((url) => videoHost.test(new URL(url).hostname));
}

/** Writes the test site: the reference post's two embeds, a tabbed page, a poster page. */
async function writeSite(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  for (const name of ['embed.css', 'embed.js']) fs.copyFileSync(path.join(assets, name), path.join(dir, 'assets', name));
  const seed = await render(
    'Bilibili\n{{< bilibili BV1ZG411S75r >}}\n\nYouTube\n{{< youtube JtD5wL5WABI >}}\n\n采访内容(待整理):\n\n' +
      Array.from({ length: 30 }, (_, i) => `Transcript paragraph ${i + 1}.`).join('\n\n'),
    { matter },
  );
  fs.writeFileSync(path.join(dir, 'index.html'), embedPage(seed.html, 'Two embeds'));
  // Tabs as the interview pages build them: the inactive panel is `hidden`.
  const tabs = await render('{{< bilibili BV1ZG411S75r >}}\n\n{{< youtube JtD5wL5WABI >}}', { matter });
  const [bili, yt] = tabs.html.split('\n');
  fs.writeFileSync(
    path.join(dir, 'tabs.html'),
    embedPage(`<div id="tab-bilibili" hidden>${bili}</div>\n<div id="tab-youtube">${yt}</div>`, 'Tabs'),
  );
  fs.writeFileSync(
    path.join(dir, 'poster.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#5b7db1"/><stop offset="1" stop-color="#d9a36c"/></linearGradient></defs><rect width="16" height="9" fill="url(#g)"/></svg>',
  );
  const poster = await render(
    '{{< youtube id="JtD5wL5WABI" title="Istio at KubeCon Chicago" poster="/poster.svg" >}}\n\n{{< vimeo id="55073825" title="A Vimeo talk" >}}\n\n' +
      '{{< bilibili bvid="BV1ZG411S75r" title="Moved poster" poster="/missing.jpg" loading="eager" >}}',
  );
  fs.writeFileSync(path.join(dir, 'poster.html'), embedPage(poster.html, 'Posters'));
}

describe('embeds in a browser', () => {
  let browser: Browser | undefined;
  let skip: string | undefined;
  let server: Served;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-embeds-'));
    await writeSite(dir);
    server = await serveDir(dir);
    const launched = await launchBrowser();
    browser = launched.browser;
    skip = launched.skip;
  });

  after(async () => {
    await shared?.page.close();
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let shared: { page: Page; log: RequestLog } | undefined;

  /** Opens `file` in the one shared page (a new page costs seconds on a busy machine), with a fresh request log. */
  async function open(file: string): Promise<{ page: Page; log: RequestLog }> {
    if (!shared) {
      const page = await browser!.newPage();
      shared = { page, log: await blockExternal(page) };
    }
    const { page, log } = shared;
    await page.goto('about:blank');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    log.all.length = 0;
    log.external.length = 0;
    await page.goto(server.url + file);
    return shared;
  }

  test('should make zero requests to any video host before the click', async (t) => {
    if (skip) return t.skip(skip);
    const { page, log } = await open('index.html');
    await page.mouse.wheel(0, 2000);
    await page.getByRole('button', { name: /on YouTube/ }).hover();
    assert.deepEqual(toVideoHosts(log.all), []);
    assert.deepEqual(log.external, []);
    assert.ok(log.all.some((url) => url.endsWith('/assets/embed.js')), 'embed.js requested');
    assert.ok(log.all.some((url) => url.endsWith('/assets/embed.css')), 'embed.css requested');
    assert.equal(await page.locator('iframe').count(), 0);
  });

  test('should swap in the youtube-nocookie player with autoplay on a click', async (t) => {
    if (skip) return t.skip(skip);
    const { page, log } = await open('index.html');
    const button = page.getByRole('button', { name: `Play video: ${matter.title} on YouTube` });
    assert.equal(await button.count(), 1);
    await button.click();
    const iframe = page.locator('figure[data-platform="youtube"] iframe');
    await iframe.waitFor({ state: 'attached' });
    const src = new URL((await iframe.getAttribute('src'))!);
    assert.equal(src.origin, 'https://www.youtube-nocookie.com');
    assert.equal(src.pathname, '/embed/JtD5wL5WABI');
    assert.equal(src.searchParams.get('autoplay'), '1');
    assert.equal(await iframe.getAttribute('title'), `${matter.title} (YouTube)`);
    assert.match((await iframe.getAttribute('allow'))!, /autoplay/);
    assert.equal(await iframe.getAttribute('referrerpolicy'), 'strict-origin-when-cross-origin');
    assert.equal(await page.locator('figure[data-platform="bilibili"] iframe').count(), 0, 'bilibili stays a facade');
    await page.waitForTimeout(200);
    assert.deepEqual(
      toVideoHosts(log.all).map((url) => new URL(url).hostname),
      ['www.youtube-nocookie.com'],
      'only the clicked player was requested',
    );
  });

  test('should seek the named platform on an `onair-seek` event', async (t) => {
    if (skip) return t.skip(skip);
    const { page } = await open('index.html');
    await page.evaluate(() =>
      document.dispatchEvent(new CustomEvent('onair-seek', { detail: { seconds: 90, platform: 'bilibili' } })),
    );
    const src = new URL((await page.locator('figure[data-platform="bilibili"] iframe').getAttribute('src'))!);
    assert.equal(src.origin + src.pathname, 'https://player.bilibili.com/player.html');
    assert.equal(src.searchParams.get('bvid'), 'BV1ZG411S75r');
    assert.equal(src.searchParams.get('t'), '90');
    assert.equal(src.searchParams.get('autoplay'), '1');
    // A second seek reloads the same player at the new time.
    assert.equal(await page.evaluate(() => (window as unknown as { onair: { seek(s: number, p?: string): boolean } }).onair.seek(125, 'bilibili')), true);
    const again = new URL((await page.locator('figure[data-platform="bilibili"] iframe').getAttribute('src'))!);
    assert.equal(again.searchParams.get('t'), '125');
    assert.equal(await page.locator('iframe').count(), 1);
    // Vimeo takes the time in the fragment.
    await open('poster.html');
    await page.evaluate(() => (window as unknown as { onair: { seek(s: number, p?: string): boolean } }).onair.seek(30, 'vimeo'));
    const vimeo = new URL((await page.locator('figure[data-platform="vimeo"] iframe').getAttribute('src'))!);
    assert.equal(vimeo.origin + vimeo.pathname, 'https://player.vimeo.com/video/55073825');
    assert.equal(vimeo.searchParams.get('dnt'), '1');
    assert.equal(vimeo.hash, '#t=30s');
  });

  test('should never load a player inside a `hidden` element', async (t) => {
    if (skip) return t.skip(skip);
    const { page } = await open('tabs.html');
    await page.evaluate(() =>
      (window as unknown as { onair: { seek(s: number, p?: string): boolean } }).onair.seek(42, 'bilibili'),
    );
    assert.equal(await page.locator('#tab-bilibili iframe').count(), 0);
    const src = new URL((await page.locator('#tab-youtube iframe').getAttribute('src'))!);
    assert.equal(src.searchParams.get('start'), '42');
  });

  test('should link the poster to the platform when JavaScript is off', async (t) => {
    if (skip) return t.skip(skip);
    const page = await browser!.newPage({ javaScriptEnabled: false });
    const log = await blockExternal(page);
    await page.goto(server.url + 'index.html');
    assert.deepEqual(toVideoHosts(log.all), []);
    const fallback = page.getByRole('link', { name: `Watch “${matter.title}” on YouTube` });
    assert.equal(await fallback.isVisible(), true);
    // A click in the middle of the poster (where the play button is drawn) follows the link.
    await Promise.all([
      page.waitForEvent('requestfailed', { timeout: 10_000 }),
      page.locator('figure[data-platform="youtube"] .onair-embed-frame').click(),
    ]);
    assert.deepEqual(toVideoHosts(log.all), ['https://www.youtube.com/watch?v=JtD5wL5WABI']);
    await page.close();
  });

  test('should fall back to the generated placeholder when a poster fails to load', async (t) => {
    if (skip) return t.skip(skip);
    const { page } = await open('poster.html');
    await page.locator('img[src="/missing.jpg"]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('img[src="/poster.svg"]').count(), 1, 'a poster that loads stays');
  });

  test('should render the facade at desktop and phone widths, light and dark', async (t) => {
    if (skip) return t.skip(skip);
    // One page for every shot: a new page costs seconds on a busy machine.
    const { page, log } = await open('index.html');
    for (const file of ['index', 'poster']) {
      await page.goto(`${server.url}${file}.html`);
      for (const [width, height] of [[1280, 900], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const shot = await page.screenshot({ path: path.join(os.tmpdir(), `onair-embed-${file}-${width}-${colorScheme}.png`) });
          assert.ok(shot.length > 1000);
          const box = await page.locator('.onair-embed-frame').first().boundingBox();
          assert.ok(box && Math.abs(box.width / box.height - 16 / 9) < 0.02, `16:9 at ${width}px`);
        }
      }
    }
    assert.deepEqual(toVideoHosts(log.all), []);
  });
});
