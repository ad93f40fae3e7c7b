/**
 * `onair dev` in headless Chromium: a tab showing a post follows edits of its
 * file without a manual reload, shows a broken file's error as an overlay
 * (text only, never markup) and drops it once the file is fixed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { blockExternal, launchBrowser } from './helpers/browser.js';
import { startDevServer } from '../src/serve/dev.js';

const fixture = path.join(import.meta.dirname, 'fixtures/serve/site');
// Playwright waits are hang guards for a loaded machine, not timing assertions.
const wait = { timeout: 60_000 };

test('should live-reload an edited post and show then clear the error overlay', async (t) => {
  const launched = await launchBrowser();
  if (launched.skip !== undefined) return t.skip(launched.skip);
  const browser = launched.browser;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-dev-browser-'));
  fs.cpSync(fixture, root, { recursive: true });
  const file = path.join(root, 'content/post/first.md');
  const good = fs.readFileSync(file, 'utf8');
  const dev = await startDevServer({ root, port: 0 });
  const context = await browser.newContext();
  try {
    const log = await blockExternal(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(new URL('post/first/', dev.url).href);
    assert.equal(await page.title(), 'First post · Tiny');
    await waitForClients(dev.channel, 1);

    // Edit: the open tab reloads by itself.
    fs.writeFileSync(file, good.replace('First post', 'First post, live'));
    await page.waitForFunction(() => document.title === 'First post, live · Tiny', null, wait);

    // Break the front matter (with markup in it): the overlay names the file and place.
    fs.writeFileSync(file, good.replace('title: "First post"', 'title: "<img src=x onerror=window.pwned=1>\ntags: [oops'));
    const overlay = page.locator('#onair-error-overlay');
    await overlay.waitFor({ state: 'visible', ...wait });
    const text = await overlay.textContent();
    assert.match(text ?? '', /content\/post\/first\.md:\d+:\d+/);
    assert.match(text ?? '', /yaml-syntax/);
    assert.equal(await overlay.locator('img, script, iframe').count(), 0, 'message text never becomes markup');
    assert.equal(await page.evaluate(() => (window as { pwned?: number }).pwned), undefined);
    assert.equal(await page.title(), 'First post, live · Tiny', 'the last good page stays');
    await page.screenshot({ path: path.join(root, 'overlay.png') });

    // Fix it: the overlay goes away and the page shows the fixed title.
    fs.writeFileSync(file, good.replace('First post', 'First post, fixed'));
    await page.waitForFunction(() => document.title === 'First post, fixed · Tiny', null, wait);
    await overlay.waitFor({ state: 'detached', ...wait });
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(log.external, [], 'the page made no request off this machine');
  } finally {
    await context.close();
    await browser.close();
    await dev.close();
    if (process.env.KEEP_SHOTS) console.log(`# screenshots kept in ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should live-reload a post whose URL is not ASCII', async (t) => {
  const launched = await launchBrowser();
  if (launched.skip !== undefined) return t.skip(launched.skip);
  const browser = launched.browser;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-dev-browser-'));
  fs.cpSync(fixture, root, { recursive: true });
  const file = path.join(root, 'content/post/访谈.md');
  const text = '---\ntitle: "访谈"\ndate: 2024-03-01\n---\n\n你好。\n';
  fs.writeFileSync(file, text);
  const dev = await startDevServer({ root, port: 0 });
  const context = await browser.newContext();
  try {
    await blockExternal(context);
    const page = await context.newPage();
    await page.goto(new URL('post/访谈/', dev.url).href);
    assert.equal(await page.title(), '访谈 · Tiny');
    await waitForClients(dev.channel, 1);
    // The tab's address is percent-encoded; the build names the page by its decoded path: they must still match.
    fs.writeFileSync(file, text.replace('title: "访谈"', 'title: "访谈，改过"'));
    await page.waitForFunction(() => document.title === '访谈，改过 · Tiny', null, wait);
  } finally {
    await context.close();
    await browser.close();
    await dev.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

async function waitForClients(channel: { clients: number }, count: number): Promise<void> {
  const end = Date.now() + wait.timeout;
  while (channel.clients < count) {
    if (Date.now() > end) throw new Error('the tab never connected to the reload channel');
    await new Promise((r) => setTimeout(r, 50));
  }
}
