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
import { makeSite, snapshot } from './helpers/site.js';

const post = (title: string, extra = '') => `---\ntitle: ${title}\ndate: 2024-01-02\n${extra}${extra ? '\n' : ''}---\n\nBody of ${title}.\n`;

/** Every message as `path rule-id`, sorted. */
const rules = (result: BuildResult) => result.files.flatMap((f) => f.messages.map((m) => `${f.path} ${m.ruleId}${m.fatal ? '' : ' (warning)'}`)).sort();

test('should refuse a post or alias on a path the site writes itself (home, feeds, sitemap, 404, term lists)', async () => {
  const root = makeSite({
    'content/post/home.md': post('Home', 'aliases: ["/"]'),
    'content/post/feed.md': post('Feed', 'url: /index.xml'),
    'content/post/map.md': post('Map', 'url: /sitemap.xml'),
    'content/post/map2.md': post('Map 2', 'url: /sitemap-2.xml'),
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
    'content/post/map2.md duplicate-output',
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

/** Every message as `path:line:col rule-id: reason`, sorted. */
const placed = (result: BuildResult) => result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId}: ${m.reason}`)).sort();

test('should refuse a page on a pagination page of the home page, and leave the previous output as it was', async () => {
  const root = makeSite({
    'onair.yaml': 'pageSize: 1\n',
    'content/post/a.md': post('A'),
    'content/post/b.md': post('B'),
    'content/post/c.md': post('C'),
  });
  const first = await build({ root, search: false });
  assert.equal(first.ok, true, formatReport(first.files));
  const before = snapshot(path.join(root, 'public'));
  assert.ok(before.has('page/2/index.html') && before.has('page/3/index.html'));

  fs.mkdirSync(path.join(root, 'content/page'));
  fs.writeFileSync(path.join(root, 'content/page/2.md'), post('Page two'));
  const second = await build({ root, search: false });
  assert.equal(second.ok, false);
  assert.deepEqual(placed(second), [
    'content/page/2.md:1:1 duplicate-output: Unexpected output path `page/2/index.html` that the site uses for page 2 of the home page, expected a path of its own; change the `slug`, `url` or `aliases`',
  ]);
  assert.equal(second.files.find((f) => f.path === 'content/page/2.md')?.messages[0]?.fatal, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), before);
});

test('should refuse a post or alias on a pagination page of a section or a term, and a section `_index.md` on anything but its own list', async () => {
  const root = makeSite({
    'onair.yaml': 'pageSize: 1\n',
    'content/post/_index.md': '---\ntitle: Posts\n---\n\nAll posts.\n',
    'content/post/a.md': post('A', 'tags: [x]'),
    'content/post/b.md': post('B', 'tags: [x]'),
    'content/post/series/_index.md': '---\ntitle: Series\n---\n',
    'content/post/series/c.md': post('C'),
    'content/post/series/d.md': post('D'),
    'content/notes/section.md': post('Section', 'url: /post/page/2/'),
    'content/notes/nested.md': post('Nested', 'url: /post/series/page/2/'),
    'content/notes/term.md': post('Term', 'url: /tags/x/page/2/'),
    'content/notes/alias.md': post('Alias', 'aliases:\n  - /fine/\n  - /page/3/'),
    'content/notes/slug.md': post('Slug', 'slug: page'),
    // Its own list would be written over the home page's page 2.
    'content/extra/_index.md': '---\ntitle: Extra\nurl: /page/2/\n---\n',
    // Its list is the file `listing.html` (its feeds in `listing/`): its own.
    'content/listing/_index.md': '---\ntitle: Listing\nurl: /listing.html\n---\n',
  });
  const result = await build({ root, search: false });
  assert.equal(result.ok, false);
  const reason = (output: string, writer: string, what = 'output') =>
    `Unexpected ${what} path \`${output}\` that the site uses for ${writer}, expected a path of its own; change the \`slug\`, \`url\` or \`aliases\``;
  assert.deepEqual(placed(result), [
    `content/extra/_index.md:3:6 duplicate-output: ${reason('page/2/index.html', 'page 2 of the home page')}`,
    `content/notes/alias.md:6:5 duplicate-output: ${reason('page/3/index.html', 'page 3 of the home page', 'alias `/page/3/`')}`,
    `content/notes/nested.md:4:6 duplicate-output: ${reason('post/series/page/2/index.html', 'page 2 of the list of section `post/series`')}`,
    `content/notes/section.md:4:6 duplicate-output: ${reason('post/page/2/index.html', 'page 2 of the list of section `post`')}`,
    `content/notes/term.md:4:6 duplicate-output: ${reason('tags/x/page/2/index.html', 'page 2 of the tag `x`')}`,
  ]);
});

test('should refuse a section `url` naming a file (`/post.html`) whose feeds and pages would go in another list\'s folder (`post/`)', async () => {
  const root = makeSite({
    'onair.yaml': 'pageSize: 1\n',
    'content/post/a.md': post('A'),
    'content/post/b.md': post('B'),
    'content/notes/_index.md': '---\ntitle: Notes\nurl: /post.html\n---\n',
    'content/notes/n.md': post('N'),
    'content/notes/m.md': post('M'),
    // Its own folder, `diary/`, is free.
    'content/diary/_index.md': '---\ntitle: Diary\nurl: /diary.html\n---\n',
    'content/diary/d.md': post('D'),
    'content/diary/e.md': post('E'),
  });
  const result = await build({ root, search: false });
  assert.equal(result.ok, false);
  assert.deepEqual(placed(result), [
    'content/notes/_index.md:3:6 duplicate-output: Unexpected `url` `/post.html` whose list writes its feeds and pages 2 and up in `post/`, where `post/index.xml` is the RSS feed of the list of section `post`, expected a folder of its own; change the `url`',
  ]);
});

test('should leave free the pagination pages a list does not have and `page/` folders of other names', async () => {
  // Stack's and PaperMod's sites keep their pages in `content/page/`, out of the home page by `mainSections`.
  const root = makeSite({
    'onair.yaml': 'pageSize: 1\nparams:\n  mainSections: [post]\n',
    'content/post/a.md': post('A'),
    'content/post/b.md': post('B'),
    'content/post/c.md': post('C'),
    'content/page/4.md': post('Page four'),
    'content/page/about/index.md': post('About'),
    'content/page/search.md': post('Search', 'aliases: [/post/page/4/]'),
  });
  const result = await build({ root, search: false });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.deepEqual(rules(result), []);
  const out = path.join(root, 'public');
  assert.match(fs.readFileSync(path.join(out, 'page/3/index.html'), 'utf8'), /<title>onair \(3\)/);
  assert.match(fs.readFileSync(path.join(out, 'page/4/index.html'), 'utf8'), /<title>Page four/);
  assert.match(fs.readFileSync(path.join(out, 'page/about/index.html'), 'utf8'), /<title>About/);
  assert.match(fs.readFileSync(path.join(out, 'post/page/4/index.html'), 'utf8'), /page\/search\//);
});

test('should know exactly the pagination pages the lists write (home by `mainSections`, sections with and without `_index.md`, terms)', async () => {
  const files: Record<string, string> = {
    'onair.yaml': 'pageSize: 2\nparams:\n  mainSections: [post, notes]\n',
    'content/_index.md': '---\ntitle: Home\n---\n\nWelcome.\n',
    'content/post/_index.md': '---\ntitle: Posts\n---\n',
    'content/post/series/_index.md': '---\ntitle: Series\n---\n',
    'content/tags/_index.md': '---\ntitle: Tags\n---\n',
    'content/tags/x/_index.md': '---\ntitle: X marks\n---\n',
  };
  for (const name of ['a', 'b', 'c', 'd', 'e']) files[`content/post/${name}.md`] = post(name.toUpperCase(), name < 'd' ? 'tags: [x]\ncategories: [k]' : 'categories: [k]');
  for (const name of ['f', 'g', 'h']) files[`content/post/series/${name}.md`] = post(name.toUpperCase());
  for (const name of ['n1', 'n2', 'n3']) files[`content/notes/${name}.md`] = post(name);
  for (const name of ['about', 'links', 'search']) files[`content/page/${name}.md`] = post(name);
  const root = makeSite(files);
  const first = await build({ root, search: false });
  assert.equal(first.ok, true, formatReport(first.files));
  const written = [...snapshot(path.join(root, 'public')).keys()].filter((name) => /(^|\/)page\/\d+\/index\.html$/.test(name)).sort();
  assert.deepEqual(written, [
    'categories/k/page/2/index.html',
    'categories/k/page/3/index.html',
    'notes/page/2/index.html',
    'page/2/index.html',
    'page/3/index.html',
    'page/4/index.html',
    'page/5/index.html',
    'page/6/index.html',
    'page/page/2/index.html',
    'post/page/2/index.html',
    'post/page/3/index.html',
    'post/page/4/index.html',
    'post/series/page/2/index.html',
    'tags/x/page/2/index.html',
  ]);
  // A post (in a section of its own, on no list) with an alias on each of them and on the page after each list's last.
  const after = written.map((name) => name.replace(/\d+(?=\/index\.html$)/, (n) => String(Number(n) + 1))).filter((name) => !written.includes(name));
  const aliases = [...written, ...after].map((name) => `/${name.slice(0, -'index.html'.length)}`);
  fs.mkdirSync(path.join(root, 'content/probe'));
  fs.writeFileSync(path.join(root, 'content/probe/p.md'), post('Probe', `aliases: [${aliases.join(', ')}]`));
  const second = await build({ root, search: false });
  const refused = second.files.flatMap((f) => f.messages.map((m) => /path `([^`]+)`/.exec(m.reason)?.[1])).sort();
  assert.deepEqual(refused, written);
});
