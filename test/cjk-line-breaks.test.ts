/**
 * East Asian line breaks (`src/cjk-line-breaks.ts`, Hugo's goldmark
 * `cjk.eastAsianLineBreaks`): fixture folders
 * `test/fixtures/cjk-line-breaks/<case>/` hold `input.md` and the expected
 * `output.html` and `messages.txt` (`UPDATE=1` rewrites them); then the
 * places of split text, the option and its defaults, the Hugo config switch
 * and whole sites in Chinese and English.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Root, Text } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import remarkCjkLineBreaks from '../src/cjk-line-breaks.js';
import { mapHugoConfig } from '../src/hugo/config.js';
import { createMarkdownProcessor } from '../src/markdown.js';
import { sourceOffsets } from '../src/typographer-offsets.js';
import { visit } from '../src/util/visit.js';
import { expectFixture, messagesText } from './helpers/fixtures.js';
import { buildAndRead } from './helpers/site.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/cjk-line-breaks');

test('should export the plugin and the default by language', async () => {
  const mod = await import('../src/cjk-line-breaks.js');
  assert.deepEqual(Object.keys(mod).sort(), ['cjkLineBreaksByDefault', 'default']);
});

const processor = createMarkdownProcessor({ language: 'zh-CN', shortcodes: { unknown: 'warn' } });

for (const name of fs.readdirSync(fixtures).sort()) {
  test(`should render the \`${name}\` line breaks`, async () => {
    const dir = path.join(fixtures, name);
    const file = new VFile({ path: 'input.md', value: fs.readFileSync(path.join(dir, 'input.md'), 'utf8') });
    const html = String(await processor.process(file));
    expectFixture(dir, { 'output.html': html + '\n', 'messages.txt': messagesText(file) });
  });
}

test('should keep every piece of split text at its place in the source', () => {
  for (const name of fs.readdirSync(fixtures)) {
    const doc = fs.readFileSync(path.join(fixtures, name, 'input.md'), 'utf8');
    const parser = unified().use(remarkParse).use(remarkCjkLineBreaks);
    const tree = parser.runSync(parser.parse(doc), new VFile(doc)) as Root;
    visit(tree, 'text', (node: Text) => {
      const { start, end } = node.position!;
      assert.ok(sourceOffsets(node, doc), `${name}: ${JSON.stringify(node.value)} lines up with the source`);
      const lines = doc.split('\n');
      assert.equal(lines.slice(0, start.line - 1).join('\n').length + (start.line > 1 ? 1 : 0) + start.column - 1, start.offset, `${name}: start point`);
      assert.equal(lines.slice(0, end.line - 1).join('\n').length + (end.line > 1 ? 1 : 0) + end.column - 1, end.offset, `${name}: end point`);
    });
  }
});

test('should be on for Chinese and Japanese pages unless the option says, off for others', async () => {
  const render = async (options: Parameters<typeof createMarkdownProcessor>[0]) => String(await createMarkdownProcessor(options).process('第一行\n第二行'));
  const joined = '<p>第一行第二行</p>';
  const kept = '<p>第一行\n第二行</p>';
  assert.equal(await render({ language: 'zh-CN' }), joined);
  assert.equal(await render({ language: 'zh-Hant-TW' }), joined);
  assert.equal(await render({ language: 'ja' }), joined);
  assert.equal(await render({}), kept);
  assert.equal(await render({ language: 'en' }), kept);
  assert.equal(await render({ language: 'ko' }), kept);
  assert.equal(await render({ language: 'zh-CN', cjkLineBreaks: false }), kept);
  assert.equal(await render({ language: 'en', cjkLineBreaks: true }), joined);
});

test("should read Hugo's `markup.goldmark.extensions.cjk`, reporting `escapedSpace`", () => {
  const map = (cjk: Record<string, unknown>) => {
    const reports: string[] = [];
    const config = mapHugoConfig({ markup: { goldmark: { extensions: { cjk } } } }, (key) => reports.push(key));
    return { value: config.cjkLineBreaks, reports };
  };
  assert.deepEqual(map({ enable: true, eastasianlinebreaks: true }), { value: true, reports: [] });
  assert.deepEqual(map({ enable: true, eastasianlinebreaks: false }), { value: false, reports: [] });
  // Hugo joins nothing unless both are on; a site that says either way is rendered as Hugo renders it.
  assert.deepEqual(map({ enable: true }), { value: false, reports: [] });
  assert.deepEqual(map({ eastasianlinebreaks: true }), { value: false, reports: [] });
  assert.deepEqual(map({ enable: false, eastasianlinebreaks: true }), { value: false, reports: [] });
  assert.deepEqual(map({}), { value: undefined, reports: [] });
  assert.deepEqual(map({ enable: true, eastasianlinebreaks: true, escapedspace: true }), { value: true, reports: ['markup.goldmark.extensions.cjk.escapedSpace'] });
  assert.equal(mapHugoConfig({}, () => {}).cjkLineBreaks, undefined);
});

test('should join the lines of a Chinese site in the page, summary and feed, not of an English one; a Hugo config wins', async () => {
  const post = '---\ntitle: 标题\ndate: 2024-01-01\n---\n这是第一行\n接着第二行。\n\nThe English\nline.\n';
  const built = async (config: string) => {
    const [page, home, feed] = await buildAndRead({ 'hugo.toml': `baseURL = "https://example.org/"\ntitle = "T"\n${config}`, 'content/post/a.md': post }, ['post/a/index.html', 'index.html', 'index.xml']);
    return { page: page!, home: home!, feed: feed! };
  };
  const zh = await built('languageCode = "zh-CN"\n');
  assert.match(zh.page, /<p>这是第一行接着第二行。<\/p>/);
  assert.match(zh.page, /<p>The English\nline.<\/p>/);
  assert.match(zh.page, /<meta name="description" content="这是第一行接着第二行。/);
  assert.match(zh.home, /这是第一行接着第二行。/);
  assert.match(zh.feed, /这是第一行接着第二行。/);
  const en = await built('languageCode = "en"\n');
  assert.match(en.page, /<p>这是第一行\n接着第二行。<\/p>/);
  assert.match(en.feed, /这是第一行\n接着第二行。/);
  const off = await built('languageCode = "zh-CN"\n[markup.goldmark.extensions.cjk]\nenable = true\neastAsianLineBreaks = false\n');
  assert.match(off.page, /<p>这是第一行\n接着第二行。<\/p>/);
  const on = await built('languageCode = "en"\n[markup.goldmark.extensions.cjk]\nenable = true\neastAsianLineBreaks = true\n');
  assert.match(on.page, /<p>这是第一行接着第二行。<\/p>/);
});
