/**
 * Moving a Hugo blog: its config read and mapped, `ref`/`relref`, `param`,
 * `x`/`tweet`, a theme's shortcodes as HTML or TSX files, and `onair check`.
 * The URL comparison with the real `hugo` is in `hugo-compare.test.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { loadConfig } from '../src/config.js';
import * as hugoConfig from '../src/hugo/config.js';
import { writtenOffset } from '../src/hugo/offset.js';
import { createRefResolver } from '../src/hugo/refs.js';
import { scanHugoSite } from '../src/hugo/scan.js';
import { groupUnknownShortcodes } from '../src/hugo/unknown.js';
import { createMarkdownProcessor } from '../src/markdown.js';
import { htmlTemplateShortcode } from '../src/shortcodes/builtins/html-template.js';
import { loadUserShortcodes } from '../src/shortcodes/user.js';
import type { ShortcodeOptions } from '../src/shortcodes/types.js';
import { checkCommand } from '../src/commands/check.js';

const fixture = path.join(import.meta.dirname, 'fixtures', 'hugo-site');

function tempSite(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-hugo-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Markdown → HTML body and messages, with shortcode options. */
async function render(markdown: string, shortcodes: ShortcodeOptions = {}, params: Record<string, unknown> = {}) {
  const processor = createMarkdownProcessor({ shortcodes });
  const file = new VFile({ path: 'content/posts/here.md', value: markdown.startsWith('---') ? markdown : `---\ntitle: T\n---\n${markdown}` });
  const tree = await processor.run(processor.parse(file), file);
  if (Object.keys(params).length > 0) file.data.matter!.params = params;
  return { html: toHtml(tree as never), messages: file.messages.map((m) => `${m.ruleId}${m.fatal ? '!' : ''}: ${m.reason}`) };
}

test('should expose loadHugoConfig and mapHugoConfig', () => {
  assert.deepEqual(Object.keys(hugoConfig).sort(), ['loadHugoConfig', 'mapHugoConfig']);
});

test('should map the Hugo settings onair shares and report the others', () => {
  const reported: string[] = [];
  const config = hugoConfig.mapHugoConfig(
    {
      baseurl: 'https://example.org/',
      title: 'T',
      languagecode: 'zh-CN',
      permalinks: { page: { posts: '/:year/:slug/' }, section: { posts: '/p/' } },
      taxonomies: { tag: 'tags', series: 'series' },
      pagination: { pagersize: 7 },
      paginate: 3,
      summarylength: 50,
      markup: { goldmark: { renderer: { unsafe: true } }, highlight: { style: 'dracula' }, tableofcontents: { startlevel: 1, endlevel: 4 } },
      params: { author: 'Ada', description: 'D', extra: 1 },
      menus: { main: [{ name: 'B', url: '/b/', weight: 2 }, { name: 'A', url: '/a/', weight: 1 }] },
      outputs: { home: ['HTML'], section: ['HTML', 'RSS', 'JSON'] },
      services: { rss: { limit: 15 } },
      uglyurls: true,
      languages: { en: {} },
    },
    (key, reason) => reported.push(`${key}: ${reason.split(':')[0]}`),
  );
  assert.deepEqual(config, {
    baseUrl: 'https://example.org/',
    title: 'T',
    language: 'zh-CN',
    description: 'D',
    author: 'Ada',
    permalinks: { posts: '/:year/:slug/' },
    taxonomies: { tag: 'tags', series: 'series' },
    pageSize: 7,
    summaryLength: 50,
    unsafe: true,
    highlight: { light: 'dracula', dark: 'dracula' },
    params: { author: 'Ada', description: 'D', extra: 1 },
    // As written: the menus are put in order with the pages' own entries (model/menus.ts).
    menus: { main: [{ name: 'B', url: '/b/', weight: 2 }, { name: 'A', url: '/a/', weight: 1 }] },
    feeds: { limit: 15 },
  });
  assert.deepEqual(reported, [
    'permalinks: Unexpected `permalinks` for sections or taxonomies, expected patterns for pages only',
    "markup.tableOfContents: Unexpected custom `tableOfContents` levels or order, expected Hugo's default (2 to 3, unordered)",
    'outputs: Unexpected RSS turned off for `home`',
    'outputs: Unexpected output formats `json` for `section`, expected `HTML` and `RSS`',
    'uglyurls: Unexpected Hugo setting `uglyurls`',
    'languages: Unexpected Hugo setting `languages`',
  ]);
});

test('should read config/_default merged under the root file, keys in any case', async () => {
  const root = tempSite({
    'config.yaml': 'baseURL: https://a.example/\nTitle: Root title\nParams:\n  Mood: happy\n',
    'config/_default/hugo.toml': 'title = "Folder title"\npaginate = 6\n',
    'config/_default/params.toml': 'mood = "calm"\nauthor = "Bo"\n',
    'config/_default/menus.en.toml': '[[main]]\nname = "Home"\nurl = "/"\n',
    'config/production/params.toml': 'env = "prod"\n',
  });
  try {
    const loaded = await hugoConfig.loadHugoConfig(root);
    assert.ok(loaded);
    assert.deepEqual(loaded.files, ['config/_default/hugo.toml', 'config/_default/menus.en.toml', 'config/_default/params.toml', 'config/production/params.toml', 'config.yaml']);
    assert.deepEqual(loaded.config, {
      baseUrl: 'https://a.example/',
      title: 'Root title',
      author: 'Bo',
      pageSize: 6,
      params: { mood: 'happy', author: 'Bo', env: 'prod' },
      menus: { main: [{ name: 'Home', url: '/' }] },
    });
    assert.deepEqual(loaded.file.messages, []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should leave a config.json without Hugo settings alone', async () => {
  const root = tempSite({ 'config.json': '{"name": "not hugo", "scripts": {}}' });
  try {
    assert.equal(await hugoConfig.loadHugoConfig(root), undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should report a broken Hugo config as a fatal message at its line', async () => {
  const root = tempSite({ 'hugo.toml': 'title = "ok"\nbaseURL = \n' });
  try {
    const { config, file } = await loadConfig(root);
    assert.equal(config.title, 'onair');
    assert.equal(file?.path, 'hugo.toml');
    assert.equal(file?.messages[0]?.fatal, true);
    assert.equal(file?.messages[0]?.line, 2);
    assert.equal(file?.messages[0]?.ruleId, 'invalid-config');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should build the fixture's site config from its hugo.toml", async () => {
  const { config, file } = await loadConfig(fixture);
  assert.equal(file?.path, 'hugo.toml');
  assert.deepEqual(file?.messages, []);
  assert.deepEqual(
    { baseUrl: config.baseUrl, basePath: config.basePath, title: config.title, language: config.language, pageSize: config.pageSize, summaryLength: config.summaryLength, unsafe: config.unsafe, highlight: config.highlight, permalinks: config.permalinks, taxonomies: config.taxonomies, guest: config.params.guest },
    { baseUrl: 'https://example.org/blog/', basePath: '/blog/', title: '访谈录 Fixture', language: 'zh-CN', pageSize: 4, summaryLength: 40, unsafe: true, highlight: { light: 'monokai', dark: 'monokai', lineNumbers: false, lineStart: 1, codeFences: true }, permalinks: { posts: '/:year/:month/:slug/' }, taxonomies: { tag: 'tags', category: 'categories', series: 'series' }, guest: 'Site guest' },
  );
});

test('should read the zone a date was written in, for permalinks', async () => {
  const { parse } = await import('smol-toml');
  const toml = parse('a = 2023-06-01T02:00:00+08:00\nb = 2023-06-01T02:00:00\nc = 2023-06-01T02:00:00Z') as Record<string, unknown>;
  assert.deepEqual(
    ['2023-06-01T02:00:00+08:00', '2023-06-01 02:00 -0530', '2023-06-01T02:00:00Z', '2023-06-01T02:00:00+00:00', '2023-06-01', 'soon', toml.a, toml.b, toml.c, undefined].map(writtenOffset),
    [480, -330, undefined, undefined, undefined, undefined, 480, undefined, undefined, undefined],
  );
});

test('should resolve refs as Hugo does: from the root, beside the page, by unique name', () => {
  const resolve = createRefResolver(
    [
      { contentPath: 'posts/a.md', url: '/2023/a/' },
      { contentPath: 'posts/b/index.md', url: '/posts/b/' },
      { contentPath: 'posts/_index.md', url: '/posts/' },
      { contentPath: 'notes/a.md', url: '/notes/a/' },
      { contentPath: 'notes/c.md', url: '/notes/c/' },
    ],
    { basePath: '/blog/' },
  );
  const from = 'content/posts/x.md';
  assert.deepEqual(
    ['/posts/a.md', 'posts/a', '/posts/b', 'posts/b/index.md', 'a.md', 'notes/a.md', 'c', 'c.md', '/posts/', 'b', 'missing.md', '/a.md'].map((ref) => resolve(ref, from)),
    ['/blog/2023/a/', '/blog/2023/a/', '/blog/posts/b/', '/blog/posts/b/', '/blog/2023/a/', '/blog/notes/a/', '/blog/notes/c/', '/blog/notes/c/', '/blog/posts/', '/blog/posts/b/', undefined, undefined],
  );
  // `a.md` beside a note is the note; by name alone it is ambiguous.
  assert.equal(resolve('a.md', 'content/notes/y.md'), '/blog/notes/a/');
  assert.equal(resolve('a', 'content/about.md'), undefined);
});

test('should turn [text]({{< ref >}}) into a link and report refs to no page', async () => {
  const resolveRef = createRefResolver([{ contentPath: 'posts/a.md', url: '/2023/a/' }]);
  const { html, messages } = await render('See [the *first* post]({{< ref "posts/a.md#intro" >}}) or {{< relref "a" >}} and [x]({{< ref "gone.md" >}}).\n', { resolveRef });
  assert.equal(html, '<p>See <a href="/2023/a/#intro">the <em>first</em> post</a> or /2023/a/ and <a href="">x</a>.</p>');
  assert.deepEqual(messages, ['ref-not-found!: Unexpected `ref` to `gone.md`, expected the path of a content file (`posts/my-post.md`, `/posts/bundle`): no published page has it; fix the path or publish the page']);
});

test('should read param from the page, then the site, and report a missing one', async () => {
  const { html, messages } = await render('---\ntitle: T\nguest: Page\n---\n{{< param guest >}} / {{< param "Social.X" >}} / {{< param title >}} / {{< param nope >}}\n', { params: { guest: 'Site', social: { x: 'onair' } } });
  assert.equal(html, '<p>Page / onair / T / </p>');
  assert.deepEqual(messages, ["param-not-found!: Unexpected `param` `nope`, expected a key of the front matter or of the site's `params`: neither has it"]);
});

test('should show x and tweet posts as link cards without a request', async () => {
  const { html, messages } = await render('{{< x user="SanDiegoZoo" id="1453110110599868418" >}}\n\n{{< tweet 1453110110599868418 >}}\n\n{{< tweet user="a" id="12x" >}}\n');
  assert.equal(
    html,
    '<figure class="onair-x-post"><blockquote cite="https://x.com/SanDiegoZoo/status/1453110110599868418"><p>A post by @SanDiegoZoo on X</p></blockquote><figcaption><a href="https://x.com/SanDiegoZoo/status/1453110110599868418" rel="noopener">View the post on X</a></figcaption></figure>\n' +
      '<figure class="onair-x-post"><blockquote cite="https://x.com/i/status/1453110110599868418"><p>A post on X</p></blockquote><figcaption><a href="https://x.com/i/status/1453110110599868418" rel="noopener">View the post on X</a></figcaption></figure>',
  );
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0]!, /^invalid-post-id!: Unexpected post id `12x`/);
});

test('should fill an HTML shortcode template with escaped values only', async () => {
  const template = '<div class="box {{ .Get "kind" | default "plain" }}" title="{{ .Get 0 }}">\n{{ with .Get "title" }}<h3>{{ . }}</h3>{{ else }}<h3>Untitled</h3>{{ end }}<a href="{{ .Get "link" }}">go</a>{{ .Inner | markdownify }}{{ $x := 1 }}</div>\n';
  const box = htmlTemplateShortcode('box', template);
  assert.equal(box.paired, true);
  const { html, messages } = await render('{{< box kind="warn" title="<script>alert(1)</script>" link="javascript:alert(1)" >}}Hi **there** <b>raw</b> <img src=x onerror=alert(1)>{{< /box >}}\n\n{{< box "say \\"hi\\"" >}}{{< /box >}}\n', { shortcodes: { box } });
  assert.equal(
    html,
    '<div class="box warn">\n<h3 id="scriptalert1script">&#x3C;script>alert(1)&#x3C;/script></h3><a>go</a>Hi <strong>there</strong> <b>raw</b> <img src="x"></div>\n' +
      '<div class="box plain" title="say &#x22;hi&#x22;">\n<h3 id="untitled">Untitled</h3><a>go</a></div>',
  );
  assert.deepEqual(messages, [
    'unsafe-url: Unexpected unsafe URL `javascript:alert(1)` in `href` of shortcode `box`, expected an `https:` or relative URL; the attribute was dropped',
    'unsupported-template-action: Unexpected template action `{{ $x := 1 }}` in shortcode `box`, expected `.Get`, `.Inner`, `with`, `if`, `else`, `end`, `default` or `markdownify`: it renders as nothing; write `templates/shortcodes/box.tsx` for more',
    'unsupported-template-action: Unexpected template action `{{ $x := 1 }}` in shortcode `box`, expected `.Get`, `.Inner`, `with`, `if`, `else`, `end`, `default` or `markdownify`: it renders as nothing; write `templates/shortcodes/box.tsx` for more',
  ]);
});

test('should give an HTML template raw HTML in `.Inner` as the page has it: sanitized, or as written with `unsafe`', async () => {
  const note = htmlTemplateShortcode('note', '<div class="note">{{ .Inner }}</div>');
  const input = '{{< note >}}It\'s <kbd>K</kbd> <img src="x" onerror="alert(1)"> & <b title="{{ .Get 0 }}">b</b>{{< /note >}}\n\n{{% note %}}*Md* <kbd>K</kbd> <script>alert(1)</script>{{% /note %}}\n';
  const { html, messages } = await render(input, { shortcodes: { note } });
  // Hugo inserts a `{{< >}}` `.Inner` as HTML; the `{{% %}}` one is Markdown with inline HTML.
  assert.equal(html, '<div class="note">It\'s <kbd>K</kbd> <img src="x"> &#x26; <b title="{{ .Get 0 }}">b</b></div>\n<div class="note"><em>Md</em> <kbd>K</kbd> </div>');
  assert.deepEqual(messages, []);
  const processor = createMarkdownProcessor({ unsafe: true, shortcodes: { shortcodes: { note } } });
  const file = new VFile({ path: 'content/posts/here.md', value: `---\ntitle: T\n---\n${input}` });
  assert.equal(
    toHtml((await processor.run(processor.parse(file), file)) as never),
    '<div class="note">It\'s <kbd>K</kbd> <img src="x" onerror="alert(1)"> &#x26; <b title="{{ .Get 0 }}">b</b></div>\n<div class="note"><em>Md</em> <kbd>K</kbd> <script>alert(1)</script></div>',
  );
});

test("should load the fixture's own shortcodes (HTML and TSX)", async () => {
  const { handlers, files } = await loadUserShortcodes(path.join(fixture, 'templates', 'shortcodes'), fixture);
  assert.deepEqual(Object.keys(handlers).sort(), ['badge', 'callout']);
  assert.deepEqual(files, []);
  const { html, messages } = await render('A {{< badge "new" >}} and\n\n{{< callout title="T" >}}*x*{{< /callout >}}\n', { shortcodes: handlers });
  assert.equal(html, '<p>A <span class="badge">new</span> and</p>\n<aside class="callout callout-note"><strong>T</strong><div><em>x</em></div></aside>');
  assert.deepEqual(messages, []);
});

test('should name what a Hugo site has that onair does not reproduce', async () => {
  const root = tempSite({
    'layouts/_default/single.html': '',
    'layouts/shortcodes/notice.html': '',
    'layouts/shortcodes/kept.html': '',
    'templates/shortcodes/kept.html': '<b></b>',
    'i18n/en.toml': '',
    'content/post.en.md': '',
    'content/post.md': '',
  });
  try {
    const files = await scanHugoSite(root);
    assert.deepEqual(
      files.map((f) => `${f.path}: ${f.messages[0]!.reason.split(',')[0]}`),
      ['layouts: Unexpected Hugo templates in `layouts/` (1: `_default/single.html`)', 'layouts/shortcodes: Unexpected Hugo shortcodes in `layouts/` (`notice`)', 'i18n: Unexpected Hugo folder `i18n/` (1 files): translation tables are not read; strings come from onair\'s theme', 'content: Unexpected translated content (1 files like `post.en.md`)'],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should group unknown shortcodes once per name with the count and next places', () => {
  const a = new VFile({ path: 'a.md' });
  const b = new VFile({ path: 'b.md' });
  for (const [file, line] of [[a, 1], [a, 5], [b, 2], [b, 3], [b, 9]] as const) file.message('Unexpected unknown shortcode `gist`, expected x', { place: { line, column: 1 }, ruleId: 'unknown-shortcode' });
  b.message('Unexpected unknown shortcode `once`, expected y', { place: { line: 4, column: 1 }, ruleId: 'unknown-shortcode' });
  groupUnknownShortcodes([a, b]);
  assert.deepEqual(a.messages.map((m) => m.reason), ['Unexpected unknown shortcode `gist`, expected x; used 5 times, also at a.md:5:1, b.md:2:1, b.md:3:1 and 1 more; add `templates/shortcodes/gist.html` or `.tsx`']);
  assert.deepEqual(b.messages.map((m) => m.reason), ['Unexpected unknown shortcode `once`, expected y']);
});

/** Runs `onair check` capturing its output. */
async function check(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = console.error = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    return { code: await checkCommand.run(argv), out: lines.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

test('should check a site without writing anything, exit 1 on errors, 0 with --unknown-shortcodes=warn', async () => {
  const root = tempSite({
    'config.toml': 'baseURL = "https://x.example/"\ntitle = "X"\nuglyURLs = true\n',
    'content/posts/a.md': '---\ntitle: A\n---\n{{< gizmo u 1 >}}\n\n{{< gizmo u 2 >}}\n',
    'content/posts/b.md': '---\ntitle: B\n---\n{{< gizmo u 3 >}}\n',
    'themes/t/layouts/index.html': '',
  });
  try {
    const failed = await check(['--root', root]);
    assert.equal(failed.code, 1);
    assert.equal(failed.out.match(/unknown-shortcode\s+onair/g)?.length, 1);
    assert.match(failed.out, /used 3 times, also at content\/posts\/a\.md:6:1, content\/posts\/b\.md:4:1/);
    assert.match(failed.out, /Unexpected Hugo setting `uglyurls`: onair writes/);
    assert.match(failed.out, /onair check: the build would fail; 1 error, 1 warning \(Hugo config: config\.toml\); nothing written/);
    const warned = await check(['--root', root, '--unknown-shortcodes=warn']);
    assert.equal(warned.code, 0);
    assert.match(warned.out, /pages would be written; 0 errors, 2 warnings/);
    assert.deepEqual(fs.readdirSync(root).sort(), ['config.toml', 'content', 'themes']);
    await assert.rejects(check(['--root', root, '--unknown-shortcodes=maybe']), /expected `warn` or `error`/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should say that enableEmoji codes are not replaced, and nothing when it is off', () => {
  const reported: string[] = [];
  const report = (key: string, reason: string) => reported.push(`${key}: ${reason}`);
  hugoConfig.mapHugoConfig({ enableemoji: true }, report);
  assert.deepEqual(reported, ['enableEmoji: Unexpected `enableEmoji = true`, expected emoji written as characters: onair leaves codes such as `:smile:` as they are; write 😄 itself']);
  reported.length = 0;
  hugoConfig.mapHugoConfig({ enableemoji: false }, report);
  assert.deepEqual(reported, []);
});
