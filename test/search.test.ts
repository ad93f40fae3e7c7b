import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mod from '../src/search/pagefind.js';
import { build } from '../src/build.js';
import { blockExternal, launchBrowser, serveDir } from './helpers/browser.js';

const page = (lang: string, title: string, body: string) =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><header><nav><a href="/sub/">Home</a></nav></header><main><article><h1>${title}</h1>${body}</article></main></body></html>`;

const pages: Record<string, string> = {
  'post/istio/': page('zh-CN', 'Istio 创始人访谈', '<p>前 Google 产品经理 Varun Talwar 解密 Istio 开源背后的故事。</p><p>标签：云原生 服务网格</p>'),
  'post/envoy/': page('zh-CN', 'Envoy Gateway talk', '<p>We talked about the Envoy Gateway project and its xDS control plane.</p>'),
};

test('should expose createSearchIndex and the bundle folder', () => {
  assert.deepEqual(Object.keys(mod).sort(), ['createSearchIndex', 'searchBundleDir']);
});

test('should write a Pagefind bundle through a writer', async () => {
  const index = await mod.createSearchIndex({ language: 'zh-CN' });
  const written = new Map<string, string | Uint8Array>();
  for (const [url, html] of Object.entries(pages)) assert.deepEqual(await index.add(`/${url}`, html), []);
  const count = await index.write({ write: async (file, data) => void written.set(file, data) });
  assert.equal(count, written.size);
  assert.ok(written.has('pagefind/pagefind.js'));
  assert.ok(written.has('pagefind/pagefind-ui.js'));
  assert.ok([...written.keys()].some((f) => f.startsWith('pagefind/index/')));
  const empty = await mod.createSearchIndex({ language: 'en' });
  assert.equal(await empty.write({ write: async () => assert.fail('nothing to write') }), 0);
});

test('should find Chinese and English words from the /search/ page under a sub-path, offline', async (t) => {
  const launched = await launchBrowser();
  if (launched.skip) return t.skip(launched.skip);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-search-'));
  const site = path.join(dir, 'sub');
  const put = async (file: string, data: string | Uint8Array) => {
    fs.mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    fs.writeFileSync(path.join(site, file), data);
  };
  const index = await mod.createSearchIndex({ language: 'zh-CN' });
  for (const [url, html] of Object.entries(pages)) {
    await put(`${url}index.html`, html);
    await index.add(`/${url}`, html);
  }
  await index.write({ write: put });
  await put('assets/search.js', fs.readFileSync('templates/assets/search.js'));
  await put('search/index.html', '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>Search</title><script src="/sub/assets/search.js" defer></script></head><body><div id="search" data-onair-search=""><form action="/sub/search/"><input name="q"></form></div></body></html>');
  const served = await serveDir(dir);
  const browser = launched.browser!;
  try {
    const tab = await browser.newPage();
    const log = await blockExternal(tab);
    const results = async (q: string) => {
      await tab.goto(`${served.url}sub/search/?q=${encodeURIComponent(q)}`);
      // Every query here has a hit; a miss times out and fails the test.
      await tab.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 });
      return tab.$$eval('.pagefind-ui__result-link', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    };
    assert.deepEqual(await results('开源'), ['/sub/post/istio/']);
    assert.deepEqual(await results('服务网格'), ['/sub/post/istio/']);
    assert.deepEqual(await results('gateway'), ['/sub/post/envoy/']);
    assert.deepEqual(await results('Istio'), ['/sub/post/istio/']);
    assert.deepEqual(log.external, []);
  } finally {
    await browser.close();
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'should serve working search results from a whole site built under a sub-path',

  async (t) => {
  const launched = await launchBrowser();
  if (launched.skip) return t.skip(launched.skip);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-search-site-'));
  const browser = launched.browser!;
  let served: Awaited<ReturnType<typeof serveDir>> | undefined;
  try {
    const result = await build({ root: process.cwd(), out: path.join(dir, 'sub'), baseUrl: 'https://blog.test/sub/' });
    assert.equal(result.ok, true);
    served = await serveDir(dir);
    const tab = await browser.newPage();
    const log = await blockExternal(tab);
    for (const query of ['Talwar', '创始人']) {
      await tab.goto(`${served.url}sub/search/?q=${encodeURIComponent(query)}`);
      await tab.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 });
      const links = await tab.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      assert.ok(links.length > 0, query);
      for (const link of links) {
        assert.match(new URL(link).pathname, /^\/sub\/post\/[^/]+\/$/, link);
        const response = await tab.request.get(link);
        assert.equal(response.status(), 200, link);
      }
    }
    assert.deepEqual(log.external, []);
  } finally {
    await browser.close();
    await served?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  }
);
