/**
 * The `details` and `qr` built-ins in headless Chromium, in the default
 * theme: a details opens on a click and shows its Markdown, `open=true` is
 * open at first, and each QR code, as Chromium draws it, reads back as its
 * text. Screenshots at phone and desktop width, light and dark, go to
 * `/tmp/onair-details-*.png` for a look.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import decodeQR from 'qr/decode.js';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { blockExternal, launchBrowser, serveDir } from './helpers/browser.js';
import { makeSite } from './helpers/site.js';

const post = `---
title: Details and QR codes
date: 2024-05-01
---
A paragraph before, to see the spacing.

{{< details summary="See the **details**" >}}
Markdown **content** with [a link](https://example.com/) and a list:

- one
- two
{{< /details >}}

{{< details summary="Open at first" open=true >}}Shown *without* a click.{{< /details >}}

{{< qr text="https://gohugo.io" alt="QR code linking to gohugo.io" />}}

{{< qr text="javascript:window.__pwned=1" scale=3 />}}

A paragraph after.
`;

test('should open a details on a click, showing its Markdown, and draw QR codes that read back as their text', async (t) => {
  const launched = await launchBrowser();
  if (!launched.browser) return t.skip(launched.skip);
  const browser = launched.browser;
  const root = makeSite({ 'content/post/details.md': post });
  const result = await build({ root, search: false, threads: 0, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const served = await serveDir(path.join(root, 'public'));
  try {
    for (const [width, height] of [[390, 900], [1280, 900]] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport: { width, height }, colorScheme });
        const requests = await blockExternal(page);
        await page.goto(`${served.url}post/details/`);
        const [first, second] = [page.locator('.post-body details').nth(0), page.locator('.post-body details').nth(1)];
        const bold = first.locator('p strong', { hasText: 'content' });
        assert.equal(await bold.isVisible(), false, 'closed at first');
        assert.equal(await first.locator('summary strong').innerText(), 'details', 'the summary is Markdown');
        await first.locator('summary').click();
        assert.equal(await first.evaluate((el) => (el as HTMLDetailsElement).open), true);
        assert.equal(await bold.isVisible(), true, `the content shows at ${width}px`);
        assert.equal(await first.locator('li').count(), 2);
        assert.equal(await second.locator('em', { hasText: 'without' }).isVisible(), true, 'open=true is open');
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `no sideways scroll at ${width}px`);
        await page.screenshot({ path: `/tmp/onair-details-${width}-${colorScheme}.png`, fullPage: true });
        if (width === 390 && colorScheme === 'light') {
          const codes = await page.locator('.post-body img').evaluateAll((images) =>
            (images as HTMLImageElement[]).map((img) => {
              const canvas = document.createElement('canvas');
              [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
              const context = canvas.getContext('2d')!;
              context.drawImage(img, 0, 0);
              const data = context.getImageData(0, 0, canvas.width, canvas.height);
              return { width: data.width, height: data.height, data: Array.from(data.data), shown: img.width, alt: img.alt };
            }),
          );
          assert.deepEqual(codes.map((code) => [code.alt, code.width, code.shown]), [
            ['QR code linking to gohugo.io', 132, 132],
            ['javascript:window.__pwned=1', 111, 111],
          ]);
          const texts = codes.map((code) => decodeQR({ width: code.width, height: code.height, data: Uint8Array.from(code.data) }));
          assert.deepEqual(texts, ['https://gohugo.io', 'javascript:window.__pwned=1']);
          assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
        }
        assert.deepEqual(requests.external, [], 'nothing leaves the machine');
        await page.close();
      }
    }
  } finally {
    await served.close();
    await browser.close();
  }
});
