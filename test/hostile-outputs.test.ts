/**
 * Hostile output paths: a post, alias, static file or bundle file that lands
 * on a path the site itself writes (home page, feeds, term lists, theme
 * assets) or on a folder another output needs is a message, never a silent
 * overwrite and never an `EISDIR` stack trace.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../src/cli.js';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import type { BuildResult } from '../src/types.js';
import { makeSite } from './helpers/site.js';

const post = (title: string, extra = '') => `---\ntitle: ${title}\ndate: 2024-01-02\n${extra}${extra ? '\n' : ''}---\n\nBody of ${title}.\n`;

/** Every message as `path rule-id`, sorted. */
const rules = (result: BuildResult) => result.files.flatMap((f) => f.messages.map((m) => `${f.path} ${m.ruleId}${m.fatal ? '' : ' (warning)'}`)).sort();

test('should refuse a post or alias on a path the site writes itself (home, feeds, sitemap, 404, term lists)', async () => {
  const root = makeSite({
    'content/post/home.md': post('Home', 'aliases: ["/"]'),
    'content/post/feed.md': post('Feed', 'url: /index.xml'),
    'content/post/map.md': post('Map', 'url: /sitemap.xml'),
    'content/post/missing.md': post('Missing', 'url: /404.html'),
    'content/post/tags.md': post('Tags', 'url: /tags/\ntags: [go]'),
    'content/post/term.md': post('Term', 'aliases: [/tags/go/]'),
    'content/post/section.md': post('Section', 'url: /post/'),
    'content/post/fine.md': post('Fine', 'aliases: [/old/fine/]'),
  });
  const result = await build({ root });
  assert.equal(result.ok, false, formatReport(result.files));
  assert.deepEqual(rules(result), [
    'content/post/feed.md duplicate-output',
    'content/post/home.md duplicate-output',
    'content/post/map.md duplicate-output',
    'content/post/missing.md duplicate-output',
    'content/post/section.md duplicate-output',
    'content/post/tags.md duplicate-output',
    'content/post/term.md duplicate-output',
  ]);
  assert.match(formatReport(result.files), /`index\.html`.*home page/);
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing is written');
});

test('should refuse a post on a theme asset path instead of crashing with EISDIR', async () => {
  const root = makeSite({ 'content/post/css.md': post('CSS', 'url: /assets/style.css') });
  const result = await build({ root });
  assert.equal(result.ok, false);
  assert.deepEqual(rules(result), ['content/post/css.md duplicate-output']);
});

test('should not let a static or content file clash with a page (file where a folder is needed, or the page itself)', async () => {
  const root = makeSite({
    'content/post/a.md': post('A'),
    'content/post/b.md': post('B'),
    'content/post/x/index.md': post('X'),
    // A bundle file named like the page it sits beside would replace it.
    'content/post/x/index.html': '<script>alert(1)</script>\n',
    // A file where the page `/post/b/` needs a folder.
    'content/post/b': 'plain file\n',
    'static/post/a': 'plain file\n',
    'static/index.html': 'not the home page\n',
    'static/fine.txt': 'kept\n',
  });
  const result = await build({ root });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.deepEqual(rules(result), [
    'content/post/b duplicate-output (warning)',
    'content/post/x/index.html duplicate-output (warning)',
    'static/index.html duplicate-output (warning)',
    'static/post/a duplicate-output (warning)',
  ]);
  const out = path.join(root, 'public');
  assert.match(fs.readFileSync(path.join(out, 'post/x/index.html'), 'utf8'), /<title>X/);
  assert.match(fs.readFileSync(path.join(out, 'post/a/index.html'), 'utf8'), /<title>A/);
  assert.match(fs.readFileSync(path.join(out, 'post/b/index.html'), 'utf8'), /<title>B/);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /<!doctype html>/i);
  assert.equal(fs.readFileSync(path.join(out, 'fine.txt'), 'utf8'), 'kept\n');
});

test('should refuse an output path that another output needs as a folder (`url: /x.html` and `url: /x.html/y/`)', async () => {
  const root = makeSite({
    'content/post/a.md': post('A', 'url: /x.html'),
    'content/post/b.md': post('B', 'url: /x.html/y/'),
    'content/post/c.md': post('C', 'aliases: [/c/old.html]'),
    'content/post/d.md': post('D', 'url: /c/old.html/z/'),
    'content/post/e.md': post('E', 'url: /index.xml/e/'),
    'content/post/f.md': post('F', 'url: /archive'),
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  assert.deepEqual(rules(result), ['content/post/b.md duplicate-output', 'content/post/d.md duplicate-output', 'content/post/e.md duplicate-output', 'content/post/f.md duplicate-output']);
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing is written');
});

test('should refuse path segments too long for a file system (ENAMETOOLONG) in `slug`, `url`, `aliases`, terms and titles', async () => {
  const long = 'a'.repeat(5000);
  const root = makeSite({
    'onair.yaml': 'permalinks:\n  notes: /:title/\n',
    'content/post/slug.md': post('Slug', `slug: ${long}`),
    'content/post/url.md': post('Url', `url: /${long}/`),
    'content/post/deep.md': post('Deep', `url: /${Array(2000).fill('seg').join('/')}/`),
    'content/post/alias.md': post('Alias', `aliases: [/${long}/]`),
    'content/post/tag.md': post('Tag', `tags: [${long}, fine]`),
    'content/notes/title.md': post(long),
  });
  const result = await build({ root });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.deepEqual(rules(result), [
    'content/notes/title.md unsafe-path (warning)',
    'content/post/alias.md unsafe-path (warning)',
    'content/post/deep.md unsafe-path (warning)',
    'content/post/slug.md unsafe-path (warning)',
    'content/post/tag.md empty-term (warning)',
    'content/post/url.md unsafe-path (warning)',
  ]);
  const out = path.join(root, 'public');
  for (const page of ['post/slug/index.html', 'post/url/index.html', 'post/deep/index.html', 'notes/title/index.html', 'tags/fine/index.html']) assert.ok(fs.existsSync(path.join(out, page)), page);
});

test('should refuse an output folder that is, holds or sits in the site, content, static or templates folder, and leave them as they were', async () => {
  // The site sits one folder down in its temp folder, so `..` (its parent) is a temp folder too, never a shared one.
  for (const outDir of ['.', './', '..', 'content', 'content/out', 'static', 'templates']) {
    const root = path.join(makeSite({ 'site/onair.yaml': `outDir: "${outDir}"\n`, 'site/content/post/a.md': post('A'), 'site/static/keep.txt': 'keep\n', 'site/templates/.keep': '' }), 'site');
    const before = new Map([...listAll(path.dirname(root))].filter(([name]) => !name.startsWith('site/.onair-cache')));
    const result = await build({ root });
    assert.equal(result.ok, false, `outDir ${outDir}: ${formatReport(result.files)}`);
    assert.deepEqual(rules(result), ['onair.yaml invalid-config'], outDir);
    assert.match(formatReport(result.files), /onair\.yaml\s+1:\d+/);
    const after = new Map([...listAll(path.dirname(root))].filter(([name]) => !name.startsWith('site/.onair-cache')));
    assert.deepEqual(after, before, `outDir ${outDir}: the site is untouched`);
  }
  // From the command line (`--out`, `--content`) too.
  const root = path.join(makeSite({ 'site/content/post/a.md': post('A') }), 'site');
  assert.equal(await main(['build', '--root', root, '--out', path.dirname(root), '--quiet']), 1);
  assert.equal(await main(['build', '--root', root, '--out', root, '--quiet']), 1);
  assert.equal(await main(['build', '--root', root, '--content', 'public', '--quiet']), 1);
  assert.ok(fs.existsSync(path.join(root, 'content/post/a.md')));
  assert.ok(!fs.existsSync(path.join(root, 'public')));
  // And through the API (`build({out, content})`).
  for (const options of [{ out: root }, { out: '..' }, { out: 'content' }, { content: 'public' }]) {
    const result = await build({ root, ...options });
    assert.equal(result.ok, false, JSON.stringify(options));
    assert.deepEqual(rules(result), ['onair.config invalid-config'], JSON.stringify(options));
    assert.ok(fs.existsSync(path.join(root, 'content/post/a.md')), JSON.stringify(options));
  }
  assert.ok(!fs.existsSync(path.join(root, 'public')));
  const fine = await build({ root, out: 'dist-site', search: false });
  assert.equal(fine.ok, true, formatReport(fine.files));
  assert.ok(fs.existsSync(path.join(root, 'dist-site/post/a/index.html')));
});

/** Every file under `dir` with its content. */
function listAll(dir: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) result.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return result;
}

test('should refuse taxonomy names that are not one safe folder name (`../x`, `a/b`, empty, the site\'s own folders)', async () => {
  const root = makeSite({
    'onair.yaml': 'taxonomies:\n  tag: tags\n  up: "../x"\n  deep: "a/b"\n  none: ""\n  assets: assets\n  feed: index.xml\n  back: "x\\\\y"\n',
    'content/post/a.md': post('A', 'tags: [go]'),
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  const report = formatReport(result.files);
  assert.equal(rules(result).filter((r) => r === 'onair.yaml invalid-config').length, 6, report);
  for (const key of ['up', 'deep', 'none', 'assets', 'feed', 'back']) assert.match(report, new RegExp(`taxonomies\\.${key}`));
  assert.ok(!fs.existsSync(path.join(root, 'public')));
});

test('should place `duplicate-output` at the `url`, `slug` or alias that makes the path', async () => {
  const root = makeSite({
    'content/post/a.md': post('A', 'url: /same/'),
    'content/post/b.md': post('B', 'draft: false\nurl: /same/'),
    'content/post/c.md': post('C', 'aliases:\n  - /fine/\n  - /'),
    'content/post/d.md': post('D', 'slug: SAME'),
    'content/post/e.md': post('E', 'slug: same-two'),
    'content/post/f.md': post('F', 'aliases: [/post/same-two/]'),
    'content/post/same.md': post('Same'),
  });
  const result = await build({ root });
  assert.equal(result.ok, false);
  const placed = result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId}`)).sort();
  assert.deepEqual(placed, [
    'content/post/b.md:5:6 duplicate-output',
    'content/post/c.md:6:5 duplicate-output',
    'content/post/f.md:4:11 duplicate-output',
    'content/post/same.md:1:1 duplicate-output',
  ]);
});
