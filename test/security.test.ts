/**
 * Nothing gets in: script from content never reaches a page or a feed, front
 * matter is data, and no file is written outside the output folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import type { BuildResult } from '../src/types.js';
import { scanSite } from './helpers/active-content.js';
import { blockExternal, launchBrowser, serveDir } from './helpers/browser.js';
import { makeSite, repo, snapshot } from './helpers/site.js';

const hostile = path.join(repo, 'test/fixtures/hostile/xss');
const fm = (extra: string) => `---\ntitle: T\ndate: 2024-01-02\n${extra}\n---\n\nBody.\n`;

/** Builds the hostile fixture once (it is read-only input) into a temp folder. */
let hostileBuild: Promise<{ result: BuildResult; out: string }> | undefined;
function buildHostile() {
  hostileBuild ??= (async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onair-xss-')), 'public');
    const result = await build({ root: hostile, out, search: false });
    return { result, out };
  })();
  return hostileBuild;
}

function messages(result: BuildResult, ruleId: string): string[] {
  return result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => `${f.path}:${m.line ?? ''}:${m.column ?? ''} ${m.reason}`));
}

test('should build the hostile post with no active content in any page or feed', async () => {
  const { result, out } = await buildHostile();
  assert.equal(result.ok, true, formatReport(result.files));
  const scan = scanSite(out);
  assert.deepEqual(scan.findings, []);
  assert.ok(scan.html >= 10, `pages scanned: ${scan.html}`);
  assert.ok(scan.feeds >= 8, `feeds scanned: ${scan.feeds} (site, section and per-term RSS and Atom)`);
  const page = fs.readFileSync(path.join(out, 'post/hostile/index.html'), 'utf8');
  assert.match(page, /&#x3C;script>window.__pwned=1&#x3C;\/script>/, 'the hostile title is shown as text');
  assert.match(page, /<code>&#x3C;script>window.__pwned=1&#x3C;\/script><\/code>/, 'code stays code');
  // Raw HTML in a shortcode's inner Markdown is sanitized as the body's, not dropped.
  assert.match(page, /<summary>inner<\/summary><p><a>inner raw link<\/a> <img src="x" class="inner-onerror"> <kbd>kept<\/kbd><\/p>/);
});

test('should warn `unsafe-url` at the position of each removed URL', async () => {
  const { result } = await buildHostile();
  const unsafe = messages(result, 'unsafe-url');
  assert.ok(unsafe.length >= 30, `unsafe-url warnings: ${unsafe.length}\n${unsafe.join('\n')}`);
  const at = (place: string) => assert.ok(unsafe.some((m) => m.startsWith(`content/post/hostile.md:${place} `)), `a warning at ${place}:\n${unsafe.join('\n')}`);
  at('7:8'); // image
  at('18:11'); // metadata[0].link
  at('24:11'); // metadata entity-encoded
  at('31:11'); // speaker link
  at('37:10'); // Markdown link
  at('37:50'); // entity-encoded Markdown link
  at('40:21'); // autolink
  at('42:1'); // image
  at('43:1'); // reference image
  at('52:1'); // raw <a href="javascript:">
  at('62:44'); // raw formaction
  at('66:1'); // raw srcset
  at('80:1'); // shortcode argument
  at('103:1'); // raw <a href="javascript:"> in a shortcode's inner Markdown
  assert.ok(unsafe.every((m) => /^[^:]+:\d+:\d+ /.test(m)), `every warning has a place:\n${unsafe.join('\n')}`);
});

test('should find the injected script when the site opts into unsafe raw HTML (the checker can fail)', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onair-xss-')), 'public');
  const result = await build({ root: hostile, out, search: false, config: { unsafe: true } });
  assert.equal(result.ok, true, formatReport(result.files));
  const what = scanSite(out).findings.map((f) => f.what);
  assert.ok(what.some((w) => w.startsWith('inline <script>')), what.join('\n'));
  assert.ok(what.some((w) => /^attribute on/i.test(w)), what.join('\n'));
  // As the body's, a shortcode's inner raw HTML passes through (unsafe URLs are still removed).
  const page = fs.readFileSync(path.join(out, 'post/hostile/index.html'), 'utf8');
  assert.match(page, /<a>inner raw link<\/a> <img src="x" onerror="window.__pwned=1" class="inner-onerror">/);
});

test('should run no injected script in Chromium', async (t) => {
  const { result, out } = await buildHostile();
  assert.equal(result.ok, true);
  const launched = await launchBrowser();
  if (launched.skip !== undefined) return t.skip(launched.skip);
  const browser = launched.browser;
  const served = await serveDir(out);
  try {
    const page = await browser.newPage();
    await blockExternal(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pages = ['post/hostile/', 'post/second/', '', 'tags/', 'categories/img-srcx-onerrorwindow.__pwned1/'];
    for (const url of pages) {
      await page.goto(served.url + url, { waitUntil: 'load' });
      // Hover and toggle everything an `onmouseover`/`ontoggle` could hang on.
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const type of ['mouseover', 'focus', 'click', 'toggle', 'error', 'load']) el.dispatchEvent(new Event(type));
        }
      });
      await page.waitForTimeout(200);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
      assert.equal(pwned, undefined, `script ran on /${url}`);
    }
    assert.deepEqual(dialogs, []);
  } finally {
    await served.close();
    await browser.close();
  }
});

test('should fail a post with a script or `javascript:` as a video id, keeping the previous output', async () => {
  const root = makeSite({ 'content/post/ok.md': fm('') });
  assert.equal((await build({ root, search: false })).ok, true);
  const before = snapshot(path.join(root, 'public'));
  fs.writeFileSync(path.join(root, 'content/post/video.md'), fm('') + '\n{{< youtube "\\"><script>window.__pwned=1</script>" >}}\n\n{{< bilibili "javascript:alert(1)" >}}\n');
  const result = await build({ root, search: false });
  assert.equal(result.ok, false);
  const bad = messages(result, 'invalid-video-id');
  assert.equal(bad.length, 2, formatReport(result.files));
  assert.match(bad[0], /^content\/post\/video\.md:9:1 /);
  assert.deepEqual(snapshot(path.join(root, 'public')), before);
});

test('should read front matter as data: `!!js/function` is an error, aliases are bounded, `__proto__` pollutes nothing', async () => {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
  const root = makeSite({
    'content/post/func.md': '---\ntitle: !!js/function "function () { globalThis.__pwned = 1 }"\ndate: 2024-01-02\n---\n\nx\n',
    'content/post/regexp.md': '---\ntitle: T\ndate: 2024-01-02\nparams: !!js/regexp /x/\n---\n\nx\n',
    'content/post/laughs.md': `---\ntitle: T\ndate: 2024-01-02\n${laughs.join('\n')}\n---\n\nx\n`,
    'content/post/proto.md': '---\ntitle: T\ndate: 2024-01-02\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nparams:\n  __proto__: {polluted: yes}\nspeakers:\n  - name: A\n    __proto__: {polluted: yes}\n---\n\nx\n',
    'content/post/proto.toml.md': '+++\ntitle = "T"\ndate = 2024-01-02\n[__proto__]\npolluted = "yes"\n+++\n\nx\n',
  });
  const heap = process.memoryUsage().heapUsed;
  const result = await build({ root, search: false });
  assert.equal(result.ok, false);
  const report = formatReport(result.files);
  assert.match(report, /content\/post\/func\.md\n2:8\s+error.*yaml-unsafe-tag/);
  assert.match(report, /content\/post\/regexp\.md\n4:9\s+error.*yaml-unsafe-tag/);
  assert.match(report, /content\/post\/laughs\.md\n8:8\s+error.*yaml-alias-limit/);
  assert.match(report, /content\/post\/proto\.md\n4:1\s+warning.*reserved-key/);
  assert.match(report, /content\/post\/proto\.toml\.md\n4:1\s+warning.*reserved-key/);
  assert.ok(process.memoryUsage().heapUsed - heap < 200 * 1024 * 1024, 'the alias bomb was not expanded');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
  assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
});

test('should neutralise unsafe slugs, urls, aliases and terms with a message and write only inside the output folder', async () => {
  const root = makeSite({
    'content/post/dots.md': fm('slug: "../../escape"'),
    'content/post/dotted-url.md': fm('url: "/a/../../../url-escape/"'),
    'content/post/abs.md': fm('url: "/tmp/inside/"'),
    'content/post/scheme.md': fm('url: "file:///etc/x"'),
    'content/post/bs.md': fm('slug: "..\\\\..\\\\win"'),
    'content/post/nul-slug.md': fm('slug: "a\\0b"'),
    'content/post/ctl.md': fm('slug: "a\\x01\\x1fb"'),
    'content/post/reserved.md': fm('slug: CON'),
    'content/post/aux-url.md': fm('url: /x/aux.txt/'),
    'content/post/alias.md': fm('aliases: ["../../alias-escape", "/a/../../../b", "C:\\\\win", "//host/x", "/ok-alias/"]'),
    'content/post/terms.md': fm('tags: ["..", "../..", "/etc/../..", "a\\\\b", "x\\0y"]\ncategories: [".", "../../../cat-escape"]'),
  });
  const outside = new Set(fs.readdirSync(os.tmpdir()));
  const result = await build({ root, search: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const report = formatReport(result.files);
  const unsafe = messages(result, 'unsafe-path');
  for (const name of ['dots', 'dotted-url', 'scheme', 'bs', 'nul-slug', 'ctl']) {
    assert.ok(unsafe.some((m) => m.startsWith(`content/post/${name}.md`)), `${name}: ${report}`);
  }
  // Windows reserved names are renamed rather than refused (test/reserved.test.ts has the details).
  const renamed = messages(result, 'reserved-name');
  for (const name of ['reserved', 'aux-url']) {
    assert.ok(renamed.some((m) => m.startsWith(`content/post/${name}.md`)), `${name}: ${report}`);
  }
  assert.equal(unsafe.filter((m) => m.startsWith('content/post/alias.md')).length, 4, report);
  assert.ok(messages(result, 'empty-term').length >= 3, report);
  // `.onair-cache` is the build's own cache folder, beside the output.
  assert.deepEqual(fs.readdirSync(root).filter((n) => n !== '.onair-cache').sort(), ['content', 'public']);
  assert.deepEqual(new Set(fs.readdirSync(os.tmpdir()).filter((n) => !outside.has(n) && !n.startsWith('onair-'))), new Set());
  const written = [...snapshot(path.join(root, 'public')).keys()];
  for (const file of written) {
    assert.doesNotMatch(file, /(^|\/)\.\.?(\/|$)|\\|[\u0000-\u001f]|(^|\/)(con|aux|nul)(\.|\/|$)/i, file);
  }
  assert.ok(written.includes('ok-alias/index.html'));
  assert.ok(written.includes('tmp/inside/index.html'), 'an absolute-looking url stays inside the site');
});

test('should not follow symlinks out of the content folder, and not hang on loops', async () => {
  const secret = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-secret-'));
  fs.writeFileSync(path.join(secret, 'secret.md'), fm('') + 'TOP-SECRET-CONTENT\n');
  fs.writeFileSync(path.join(secret, 'secret.png'), 'TOP-SECRET-IMAGE');
  const root = makeSite({ 'content/post/ok.md': fm('') });
  fs.symlinkSync(path.join(secret, 'secret.md'), path.join(root, 'content/post/linked.md'));
  fs.symlinkSync(path.join(secret, 'secret.png'), path.join(root, 'content/post/linked.png'));
  fs.symlinkSync(secret, path.join(root, 'content/linked-dir'));
  fs.symlinkSync('.', path.join(root, 'content/post/self'));
  fs.symlinkSync('..', path.join(root, 'content/post/parent'));
  fs.symlinkSync('loop-b', path.join(root, 'content/post/loop-a'));
  fs.symlinkSync('loop-a', path.join(root, 'content/post/loop-b'));
  const result = await build({ root, search: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const outsideLinks = messages(result, 'symlink-outside-content').map((m) => m.split(':')[0]).sort();
  assert.deepEqual(outsideLinks, ['content/linked-dir', 'content/post/linked.md', 'content/post/linked.png']);
  const out = snapshot(path.join(root, 'public'));
  for (const [file, data] of out) {
    assert.doesNotMatch(Buffer.from(data, 'base64').toString('utf8'), /TOP-SECRET/, file);
  }
});

test('should build file names with spaces, Chinese, a leading dash and shell metacharacters, running no shell', async () => {
  const cwd = process.cwd();
  const root = makeSite({
    'content/post/with space.md': fm(''),
    'content/post/中文 文章.md': fm(''),
    'content/post/-rf.md': fm(''),
    'content/post/$(touch pwned).md': fm(''),
    'content/post/`touch pwned2`;x&y|z.md': fm(''),
  });
  process.chdir(root);
  try {
    const result = await build({ root, search: false });
    assert.equal(result.ok, true, formatReport(result.files));
    assert.equal(result.pages >= 5, true);
  } finally {
    process.chdir(cwd);
  }
  const written = [...snapshot(path.join(root, 'public')).keys()];
  for (const url of ['post/with-space/index.html', 'post/中文-文章/index.html', 'post/-rf/index.html']) assert.ok(written.includes(url), written.join('\n'));
  assert.ok(!fs.existsSync(path.join(root, 'pwned')) && !fs.existsSync(path.join(root, 'pwned2')), 'no shell ran');
  assert.ok(!fs.existsSync(path.join(cwd, 'pwned')) && !fs.existsSync(path.join(cwd, 'pwned2')), 'no shell ran');
});
