import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { makeSite, repo, snapshot } from './helpers/site.js';

const seed = fs.readFileSync(path.join(repo, 'content/post/2023-11-16-kubecon-na-varun-talwar-interview.md'), 'utf8');

test('should build the example site into a temp dir', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-out-'));
  const result = await build({ root: repo, out: path.join(out, 'public') });
  assert.equal(result.ok, true, formatReport(result.files));
  const page = fs.readFileSync(path.join(out, 'public/post/2023-11-16-kubecon-na-varun-talwar-interview/index.html'), 'utf8');
  assert.match(page, /^<!doctype html>/);
  assert.match(page, /KubeCon 芝加哥现场报道/);
  assert.match(page, /Varun Talwar 解密 Istio 开源背后的故事/);
  const home = fs.readFileSync(path.join(out, 'public/index.html'), 'utf8');
  assert.match(home, /post\/2023-11-16-kubecon-na-varun-talwar-interview\//);
  assert.doesNotMatch(home, /Istio Roadmap Interview/, 'drafts are not listed');
  assert.ok(!fs.existsSync(path.join(out, 'public/post/2025-01-10-draft-istio-roadmap/index.html')), 'drafts make no page');
  assert.ok(fs.existsSync(path.join(out, 'public/images/envoy-gateway-cover.svg')), 'static files are copied');
  assert.ok(fs.existsSync(path.join(out, 'public/post/2024-03-08-ambient-mesh-podcast/cover.svg')), 'bundle resources are copied beside the page');
  assert.ok(fs.existsSync(path.join(out, 'public/about/index.html')), 'top-level pages are built');
});

test('should include drafts with `drafts: true`', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-out-'));
  const result = await build({ root: repo, out: path.join(out, 'public'), drafts: true });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.ok(fs.existsSync(path.join(out, 'public/post/2025-01-10-draft-istio-roadmap/index.html')));
});

test('should leave the previous output byte-for-byte when a build fails', async () => {
  const root = makeSite({
    'content/post/a.md': '---\ntitle: A\ndate: 2024-01-02\n---\n\nHello.\n',
    'content/post/b.md': seed,
  });
  const first = await build({ root });
  assert.equal(first.ok, true, formatReport(first.files));
  const before = snapshot(path.join(root, 'public'));
  assert.ok(before.size > 3);

  fs.writeFileSync(path.join(root, 'content/post/a.md'), '---\ntitle: [unclosed\ndate: 2024-02-30\n---\n\nHello.\n');
  const second = await build({ root });
  assert.equal(second.ok, false);
  assert.deepEqual(snapshot(path.join(root, 'public')), before);
  const report = formatReport(second.files);
  assert.match(report, /content\/post\/a\.md/);
  assert.match(report, /yaml-syntax/);
  const leftovers = fs.readdirSync(root).filter((name) => name.startsWith('.onair-') && name !== '.onair-cache');
  assert.deepEqual(leftovers, [], 'no staging folder is left behind');
});

test('should report two inputs on one output path, naming both', async () => {
  const root = makeSite({
    'content/post/a.md': '---\ntitle: A\ndate: 2024-01-02\nurl: /same/\n---\n\nA.\n',
    'content/post/b.md': '---\ntitle: B\ndate: 2024-01-03\nurl: /same/\n---\n\nB.\n',
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  const report = formatReport(result.files);
  assert.match(report, /duplicate-output/);
  assert.match(report, /content\/post\/a\.md/);
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing is written');
});

test('should treat warnings as errors with `strict`', async () => {
  const root = makeSite({ 'content/post/a.md': '---\ndate: 2024-01-02\ntags: istio\n---\n\nNo title.\n' });
  const loose = await build({ root });
  assert.equal(loose.ok, true, formatReport(loose.files));
  assert.ok(loose.warnings >= 1);
  const strict = await build({ root, strict: true });
  assert.equal(strict.ok, false);
});

test('should report non-UTF-8 and binary `.md` files by name and build the rest', async () => {
  const root = makeSite({ 'content/post/ok.md': '---\ntitle: OK\ndate: 2024-01-02\n---\n\nFine.\n' });
  fs.writeFileSync(path.join(root, 'content/post/latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0xe9, 0x0a]));
  const result = await build({ root });
  assert.equal(result.ok, false);
  assert.match(formatReport(result.files), /content\/post\/latin1\.md[\s\S]*invalid-encoding/);
});

test('should write byte-identical output with worker threads and without, build after build', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-out-'));
  const inThread = await build({ root: repo, out: path.join(out, 'a'), threads: 0 });
  assert.equal(inThread.ok, true, formatReport(inThread.files));
  const pooled = await build({ root: repo, out: path.join(out, 'b'), threads: 2 });
  assert.equal(pooled.ok, true, formatReport(pooled.files));
  const again = await build({ root: repo, out: path.join(out, 'c'), threads: 2 });
  const a = snapshot(path.join(out, 'a'));
  assert.deepEqual([...snapshot(path.join(out, 'b')).keys()].sort(), [...a.keys()].sort());
  assert.deepEqual(snapshot(path.join(out, 'b')), a);
  assert.deepEqual(snapshot(path.join(out, 'c')), a);
});

test('should fail a post that nests too deep, by name, without crashing', async () => {
  const root = makeSite({
    'content/post/deep.md': `---\ntitle: Deep\ndate: 2024-01-02\n---\n\n${'>'.repeat(5000)} deep\n`,
    'content/post/ok.md': '---\ntitle: OK\ndate: 2024-01-02\n---\n\nFine.\n',
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  assert.match(formatReport(result.files), /content\/post\/deep\.md[\s\S]*nesting-too-deep/);
});

test('should report front matter and body problems of different posts in one run', async () => {
  const root = makeSite({
    'content/post/a.md': '---\ntitle: [unclosed\n---\n\nA.\n',
    'content/post/b.md': '---\ntitle: B\ndate: 2024-01-02\n---\n\n{{< nosuchcode >}}\n',
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  const report = formatReport(result.files);
  assert.match(report, /content\/post\/a\.md[\s\S]*yaml-syntax/);
  assert.match(report, /content\/post\/b\.md[\s\S]*unknown-shortcode/);
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing is written');
});

test('should build a post with JSON front matter: its title, date and tags, and a body without the JSON', async () => {
  const root = makeSite({
    'content/post/json.md': '{\n  "title": "JSON post",\n  "date": "2024-02-02",\n  "tags": ["y"]\n}\n\nBody text.\n',
    'content/post/bad.md': '{\n  "title": "Bad JSON date",\n  "date": "2024-02-30"\n}\n\nBody.\n',
  });
  const result = await build({ root });
  assert.equal(result.ok, false, 'the bad date fails its post');
  assert.match(formatReport(result.files), /content\/post\/bad\.md\s+3:11\s+error\s+Unexpected string `2024-02-30` for `date`/);
  fs.rmSync(path.join(root, 'content/post/bad.md'));

  const good = await build({ root });
  assert.equal(good.ok, true, formatReport(good.files));
  assert.equal(good.warnings, 0, formatReport(good.files));
  const page = fs.readFileSync(path.join(root, 'public/post/json/index.html'), 'utf8');
  assert.match(page, /<title>JSON post/);
  assert.match(page, /<time[^>]*datetime="2024-02-02/);
  assert.match(page, /<p>Body text\.<\/p>/);
  assert.doesNotMatch(page, /&#x22;title&#x22;|"title":|"tags"/, 'the JSON is not in the body');
  const tag = fs.readFileSync(path.join(root, 'public/tags/y/index.html'), 'utf8');
  assert.match(tag, /post\/json\//);
});
