import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { VFile } from 'vfile';
import * as configModule from '../src/config.js';
import { defineConfig, loadConfig, resolveConfig } from '../src/config.js';
import type { UserConfig } from '../src/types.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/config');
const update = process.env.UPDATE === '1';

test('should pin the public exports', () => {
  assert.deepEqual(Object.keys(configModule).sort(), ['configFileNames', 'defineConfig', 'loadConfig', 'resolveConfig']);
});

/** Copies a fixture into a fresh temp dir (a TS config writes a cache there). */
function siteFrom(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `onair-config-${name}-`));
  fs.cpSync(path.join(fixtures, name), root, { recursive: true });
  return root;
}

for (const name of fs.readdirSync(fixtures).sort()) {
  test(`should load the config fixture \`${name}\``, async () => {
    const root = siteFrom(name);
    const loaded = await loadConfig(root);
    const { remarkPlugins, rehypePlugins, ...rest } = loaded.config;
    const json = `${JSON.stringify({ path: loaded.path && path.basename(loaded.path), config: rest, remarkPlugins: remarkPlugins.length, rehypePlugins: rehypePlugins.length }, null, 2)}\n`;
    const messages = (loaded.file?.messages ?? [])
      .map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}\n`)
      .join('');
    const dir = path.join(fixtures, name);
    if (update) {
      fs.writeFileSync(path.join(dir, 'config.json'), json);
      fs.writeFileSync(path.join(dir, 'messages.txt'), messages);
    }
    assert.equal(json, fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    assert.equal(messages, fs.readFileSync(path.join(dir, 'messages.txt'), 'utf8'));
  });
}

test('should apply every default to an empty config', () => {
  assert.deepEqual(resolveConfig({}), {
    baseUrl: 'http://localhost:1313/',
    basePath: '/',
    title: 'onair',
    description: '',
    language: 'en',
    author: '',
    contentDir: 'content',
    outDir: 'public',
    staticDir: 'static',
    templatesDir: 'templates',
    permalinks: {},
    taxonomies: { tag: 'tags', category: 'categories' },
    pageSize: 10,
    summaryLength: 70,
    unsafe: false,
    highlight: { light: 'github-light', dark: 'github-dark', lineNumbers: false, lineStart: 1, codeFences: true },
    typographer: true,
    definitionList: true,
    cjkLineBreaks: false,
    unknownShortcodes: 'error',
    video: { remoteThumbnails: false },
    feeds: { limit: 20, fullContent: true },
    menus: {},
    params: {},
    remarkPlugins: [],
    rehypePlugins: [],
  });
});

test('should give baseUrl a trailing slash and derive basePath', () => {
  assert.equal(resolveConfig({ baseUrl: 'https://example.com' }).baseUrl, 'https://example.com/');
  const sub = resolveConfig({ baseUrl: 'https://example.com/blog' });
  assert.equal(sub.baseUrl, 'https://example.com/blog/');
  assert.equal(sub.basePath, '/blog/');
  assert.equal(resolveConfig({ baseUrl: 'http://127.0.0.1:8080/a/b/' }).basePath, '/a/b/');
});

test('should reject a baseUrl that is not absolute http(s)', () => {
  for (const baseUrl of ['example.com', '/blog/', 'ftp://example.com/', 'javascript:alert(1)', 'https://example.com/?q=1']) {
    assert.throws(() => resolveConfig({ baseUrl }), /expected an absolute `http:` or `https:` URL/, baseUrl);
    const file = new VFile({ path: 'onair.config.ts' });
    assert.equal(resolveConfig({ baseUrl }, file).baseUrl, 'http://localhost:1313/');
    assert.deepEqual(file.messages.map((m) => [m.ruleId, m.fatal]), [['invalid-config', true]]);
  }
});

test('should take `en_US` as `en-US` and reject a language that is no BCP 47 tag', async () => {
  // Hugo configs often say `languageCode = "en_US"`: the theme's dates (Intl) threw on it and every page failed.
  assert.equal(resolveConfig({ language: 'en_US' }).language, 'en-US');
  assert.equal(resolveConfig({ language: ' zh_Hant_TW ' }).language, 'zh-Hant-TW');
  assert.equal(resolveConfig({ language: '' }).language, 'en');
  for (const language of ['zh hans', 'en-', '中文', 'x_']) {
    const file = new VFile({ path: 'onair.yaml' });
    assert.equal(resolveConfig({ language }, file).language, 'en', language);
    assert.deepEqual(file.messages.map((m) => [m.ruleId, m.fatal, m.reason]), [['invalid-config', true, `Unexpected string \`${language}\` for \`language\`, expected a language tag such as \`en\`, \`zh-CN\` or \`zh-Hant-TW\``]], language);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-lang-'));
  try {
    fs.mkdirSync(path.join(root, 'content/post'), { recursive: true });
    fs.writeFileSync(path.join(root, 'hugo.toml'), 'baseURL = "https://example.com/"\nlanguageCode = "en_US"\ntitle = "T"\n');
    fs.writeFileSync(path.join(root, 'content/post/a.md'), '---\ntitle: A\ndate: 2024-01-02\n---\nHello\n');
    const { build } = await import('../src/build.js');
    const result = await build({ root });
    assert.equal(result.ok, true, result.files.flatMap((f) => f.messages.map(String)).join('\n'));
    const page = fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8');
    assert.match(page, /<html lang="en-US">/);
    assert.match(page, />Jan 2, 2024</);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should warn about unknown keys with the nearest valid name', () => {
  const file = new VFile({ path: 'onair.config.ts' });
  const config = resolveConfig({ titel: 'x', feeds: { limt: 3 }, zzzzzz: 1 } as UserConfig, file);
  assert.equal(config.title, 'onair');
  assert.deepEqual(
    file.messages.map((m) => `${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`),
    [
      'warning unknown-config-key Unexpected key `titel`, did you mean `title`?',
      'warning unknown-config-key Unexpected key `feeds.limt`, did you mean `feeds.limit`?',
      'warning unknown-config-key Unexpected key `zzzzzz`, expected one of `baseUrl`, `title`, `description`, `language`, `author`, `contentDir`, `outDir`, `staticDir`, `templatesDir`, `permalinks`, `taxonomies`, `pageSize`, `summaryLength`, `unsafe`, `highlight`, `typographer`, `definitionList`, `cjkLineBreaks`, `unknownShortcodes`, `video`, `feeds`, `menus`, `params`, `remarkPlugins`, `rehypePlugins`; put free values under `params`',
    ],
  );
});

test('should never mutate or share the caller’s objects', () => {
  const user = defineConfig({
    title: 'Frozen',
    params: { nested: { deep: [1, 2] } },
    feeds: { limit: 3 },
    taxonomies: { tag: 'tags' },
    remarkPlugins: [],
  });
  const before = structuredClone(user);
  deepFreeze(user);
  const config = resolveConfig(user);
  assert.deepEqual(user, before);
  assert.notEqual(config.params, user.params);
  assert.notEqual(config.params.nested, user.params!.nested);
  assert.notEqual(config.taxonomies, user.taxonomies);
  assert.notEqual(config.remarkPlugins, user.remarkPlugins);
  config.params.added = true;
  assert.equal((user.params as Record<string, unknown>).added, undefined);
});

test('should keep prototype keys out of params', () => {
  const params = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
  const config = resolveConfig({ params });
  assert.deepEqual(Object.keys(config.params), ['ok']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('should merge overrides over the config file, nested settings key by key', async () => {
  const root = siteFrom('yaml');
  const { config, file } = await loadConfig(root, { baseUrl: 'https://other.example/', feeds: { fullContent: true }, params: { extra: 1 } });
  assert.equal(config.baseUrl, 'https://other.example/');
  assert.equal(config.title, 'Interviews');
  assert.deepEqual(config.feeds, { limit: 5, fullContent: true });
  assert.deepEqual(config.params, { twitter: 'onair', extra: 1 });
  assert.equal(file?.messages.length, 2, 'only the two unknown keys of the file');
});

test('should report bad overrides without a place in the file', async () => {
  const root = siteFrom('none');
  const { config, file, path: found } = await loadConfig(root, { baseUrl: 'nope' });
  assert.equal(found, undefined);
  assert.equal(config.baseUrl, 'http://localhost:1313/');
  assert.deepEqual(file?.messages.map((m) => [m.ruleId, m.line]), [['invalid-config', undefined]]);
});

test('should reload a changed TypeScript config', async () => {
  const root = siteFrom('ts');
  assert.equal((await loadConfig(root)).config.title, 'TypeScript site');
  const source = path.join(root, 'onair.config.ts');
  fs.writeFileSync(source, fs.readFileSync(source, 'utf8').replace('TypeScript site', 'Changed'));
  assert.equal((await loadConfig(root)).config.title, 'Changed');
  const cached = fs.readdirSync(path.join(root, '.onair-cache'));
  assert.equal(cached.length, 1, 'older compilations are removed');
  assert.match(cached[0]!, /^onair\.config\.[\da-f]{16}\.mjs$/);
  // A corrupt cache file is rewritten, not trusted.
  const cacheFile = path.join(root, '.onair-cache', cached[0]!);
  fs.writeFileSync(cacheFile, 'export default { title: "corrupt" ');
  assert.equal((await loadConfig(root)).config.title, 'Changed');
  assert.match(fs.readFileSync(cacheFile, 'utf8'), /title: "Changed"/);
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

test('should drop East Asian line breaks by default for Chinese and Japanese sites only, the setting winning', () => {
  assert.equal(resolveConfig({ language: 'zh-CN' }).cjkLineBreaks, true);
  assert.equal(resolveConfig({ language: 'zh_TW' }).cjkLineBreaks, true);
  assert.equal(resolveConfig({ language: 'ja-JP' }).cjkLineBreaks, true);
  assert.equal(resolveConfig({ language: 'ko' }).cjkLineBreaks, false);
  assert.equal(resolveConfig({ language: 'en' }).cjkLineBreaks, false);
  assert.equal(resolveConfig({ language: 'zh-CN', cjkLineBreaks: false }).cjkLineBreaks, false);
  assert.equal(resolveConfig({ language: 'en', cjkLineBreaks: true }).cjkLineBreaks, true);
});
