import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { makeSite, snapshot } from './helpers/site.js';

const post = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02\ntags: [Istio]\n---\n\nHello **world**.\n`;

function cacheFiles(root: string): string[] {
  const dir = path.join(root, '.onair-cache', 'posts');
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json') && !f.endsWith('.files.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

test('should give a cached rebuild byte-identical to a cold one, and never serve a stale page', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  const cold = await build({ root, out: path.join(root, 'cold'), cache: false, search: false });
  assert.equal(cold.ok, true, formatReport(cold.files));
  assert.equal(cacheFiles(root).length, 0, '`cache: false` writes no cache');

  await build({ root, search: false });
  assert.equal(cacheFiles(root).length, 2);
  const warm = await build({ root, search: false });
  assert.equal(warm.ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), snapshot(path.join(root, 'cold')));

  // A changed post: its page changes, and its neighbour's prev/next link too.
  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha Two'));
  await build({ root, search: false });
  assert.match(fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8'), /Alpha Two/);

  // A changed template (a site override) reaches every page.
  fs.mkdirSync(path.join(root, 'templates'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'templates/post.tsx'),
    "export default function post(props: any) { return { type: 'element', tagName: 'p', properties: { className: ['custom'] }, children: [{ type: 'text', value: props.post.title }] }; }\n",
  );
  await build({ root, search: false });
  assert.match(fs.readFileSync(path.join(root, 'public/post/b/index.html'), 'utf8'), /class="custom"/);

  // A changed config reaches every page.
  fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Renamed Site\n');
  await build({ root, search: false });
  assert.match(fs.readFileSync(path.join(root, 'public/post/b/index.html'), 'utf8'), /Renamed Site/);
});

test('should make feeds from cached posts byte-identical to a cold build, and not keep one whose post lost its cache entry', async () => {
  // The feed HTML of a cached post is read from its entry when a feed is made again (the results pack leaves it out).
  const long = (title: string, day: number) => `---\ntitle: ${title}\ndate: 2024-01-0${day}\ntags: [Istio]\n---\n\nIntro of ${title}.\n\n<!--more-->\n\nThe rest of ${title}, in full.\n`;
  const root = makeSite({ 'content/post/a.md': long('Alpha', 1), 'content/post/b.md': long('Beta', 2), 'content/post/c.md': long('Gamma', 3) });
  const cold = async () => {
    fs.rmSync(path.join(root, 'cold'), { recursive: true, force: true });
    assert.equal((await build({ root, out: path.join(root, 'cold'), cache: false, search: false })).ok, true);
    return snapshot(path.join(root, 'cold'));
  };
  await build({ root, search: false });
  assert.equal((await build({ root, search: false })).ok, true);
  // Only c changes: every feed is made again, with a and b from the cache.
  fs.writeFileSync(path.join(root, 'content/post/c.md'), long('Gamma Two', 3));
  assert.equal((await build({ root, search: false })).ok, true);
  const feed = fs.readFileSync(path.join(root, 'public/index.xml'), 'utf8');
  assert.match(feed, /The rest of Alpha, in full/, 'a cached post has its full content in the feed');
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold());

  // The entries are gone (the pack is not): the feed falls back to the summary once, and the next build makes it whole.
  fs.rmSync(path.join(root, '.onair-cache', 'posts'), { recursive: true });
  fs.writeFileSync(path.join(root, 'content/post/c.md'), long('Gamma Three', 3));
  const degraded = await build({ root, search: false });
  assert.equal(degraded.ok, true, formatReport(degraded.files));
  assert.doesNotMatch(fs.readFileSync(path.join(root, 'public/index.xml'), 'utf8'), /The rest of Alpha/);
  assert.equal((await build({ root, search: false })).ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold());
});

test('should discard a corrupt cache entry instead of trusting it', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha') });
  await build({ root, search: false });
  const [entry] = cacheFiles(root);
  fs.writeFileSync(entry, '{"result": tru');
  // The last build's results are also packed in one file: corrupt it too (it is ignored, not trusted).
  fs.writeFileSync(path.join(root, '.onair-cache/results.bin'), 'not v8 data');
  const result = await build({ root, search: false });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.match(fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8'), /Alpha/);
  assert.doesNotThrow(() => JSON.parse(fs.readFileSync(cacheFiles(root)[0], 'utf8')), 'the entry is rewritten whole');

  // Corrupt remembered front matter is ignored.
  fs.writeFileSync(path.join(root, '.onair-cache/matter.bin'), 'not v8 data');
  assert.equal((await build({ root, search: false })).ok, true);

  // A corrupt copy of the files, with no previous output to carry them over from.
  fs.writeFileSync(cacheFiles(root)[0].replace(/\.json$/, '.files.json'), '{"post/a/index.html": 4');
  fs.rmSync(path.join(root, 'public'), { recursive: true });
  const again = await build({ root, search: false });
  assert.equal(again.ok, true, formatReport(again.files));
  assert.match(fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8'), /Alpha/);
});

test('should carry unchanged files over from the previous output, never a hand-edited one, and never write through them', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta'), 'static/logo.txt': 'logo\n' });
  const cold = await build({ root, out: path.join(root, 'cold'), cache: false });
  assert.equal(cold.ok, true, formatReport(cold.files));
  await build({ root });
  const warm = await build({ root });
  assert.equal(warm.ok, true);
  assert.equal(warm.written - (warm.reused ?? 0), 0, `every file carried over (${warm.reused} of ${warm.written})`);
  assert.deepEqual(snapshot(path.join(root, 'public')), snapshot(path.join(root, 'cold')), 'byte-identical to a cold build, search index included');

  // An output file edited by hand is made again, not trusted.
  const page = path.join(root, 'public/post/a/index.html');
  fs.writeFileSync(page, 'tampered');
  await build({ root });
  assert.match(fs.readFileSync(page, 'utf8'), /Alpha/);

  // A failed build that re-rendered carried-over files leaves the previous output byte-identical.
  const before = snapshot(path.join(root, 'public'));
  fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Renamed Site\n');
  fs.writeFileSync(path.join(root, 'content/post/b.md'), '---\ntitle: [broken\n---\n');
  const failed = await build({ root });
  assert.equal(failed.ok, false);
  assert.deepEqual(snapshot(path.join(root, 'public')), before);
});

test('should stage a rebuild into the spare output, and end byte-identical to a cold build whatever changed', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta'), 'static/foo': 'a file\n' });
  const spare = path.join(root, '.onair-spare-public');
  const cold = async () => {
    fs.rmSync(path.join(root, 'cold'), { recursive: true, force: true });
    assert.equal((await build({ root, out: path.join(root, 'cold'), cache: false, search: false })).ok, true);
    return snapshot(path.join(root, 'cold'));
  };
  await build({ root, search: false });
  assert.equal(fs.existsSync(spare), false, 'no spare after the first build');
  await build({ root, search: false });
  assert.equal(fs.existsSync(spare), true, 'the previous output is kept as the spare');
  const warm = await build({ root, search: false });
  assert.equal(warm.written - (warm.reused ?? 0), 0, 'nothing written when nothing changed');
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold());

  // A changed post, a deleted one (its folder goes), a file that becomes a folder.
  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha Two'));
  fs.rmSync(path.join(root, 'content/post/b.md'));
  fs.rmSync(path.join(root, 'static/foo'));
  fs.mkdirSync(path.join(root, 'static/foo'));
  fs.writeFileSync(path.join(root, 'static/foo/bar.txt'), 'now a folder\n');
  for (let i = 0; i < 2; i++) {
    const result = await build({ root, search: false });
    assert.equal(result.ok, true, formatReport(result.files));
    assert.deepEqual(snapshot(path.join(root, 'public')), await cold(), `build ${i + 1} after the changes`);
    assert.equal(fs.existsSync(path.join(root, 'public/post/b')), false, 'the deleted post leaves no folder');
  }

  // A spare file replaced behind onair's back is not trusted.
  const sparePage = path.join(spare, 'post/a/index.html');
  fs.rmSync(sparePage);
  fs.writeFileSync(sparePage, 'tampered');
  await build({ root, search: false });
  await build({ root, search: false });
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold());

  // A build without the cache leaves the spare alone; the next cached build still ends byte-identical.
  await build({ root, search: false, cache: false });
  assert.equal(fs.existsSync(spare), true, 'a --no-cache build keeps the spare');
  await build({ root, search: false });
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold());

  // `onair clean` removes it with the cache.
  const { cleanCommand } = await import('../src/commands/clean.js');
  const log = console.log;
  console.log = () => {};
  try {
    assert.equal(await cleanCommand.run(['--root', root]), 0);
  } finally {
    console.log = log;
  }
  assert.equal(fs.existsSync(spare), false);
  assert.equal(fs.existsSync(path.join(root, '.onair-cache')), false);
});

test('should keep the compiled theme in the cache, and never trust a saved one that does not match', async () => {
  const a = makeSite({ 'content/post/a.md': post('Alpha') });
  const b = makeSite({ 'content/post/b.md': post('Beta') });
  assert.equal((await build({ root: a, search: false })).ok, true);
  const cacheDir = path.join(a, '.onair-cache');
  const saved = fs.readdirSync(cacheDir).filter((name) => /^theme-.*\.json$/.test(name));
  assert.equal(saved.length, 1, 'the compiled theme is saved');
  // Another site in between, so this process no longer holds site A's theme in memory and reads the saved one.
  for (const [i, body] of ['{"hash": "another theme", "code": {}}', 'not json'].entries()) {
    fs.writeFileSync(path.join(cacheDir, saved[0]!), body);
    assert.equal((await build({ root: b, search: false })).ok, true);
    const again = await build({ root: a, search: false, out: path.join(a, `out-${i}`) });
    assert.equal(again.ok, true, formatReport(again.files));
    assert.match(fs.readFileSync(path.join(a, `out-${i}/post/a/index.html`), 'utf8'), /<title>Alpha/);
  }
});

test('should re-render only the pages made with a changed template', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  await build({ root, search: false });
  const ino = (file: string) => fs.statSync(path.join(root, 'public', file)).ino;
  const before = { archive: ino('archive/index.html'), home: ino('index.html'), post: ino('post/a/index.html'), notFound: ino('404.html') };

  fs.mkdirSync(path.join(root, 'templates'), { recursive: true });
  const element = (cls: string, text: string) => `{ type: 'element', tagName: 'p', properties: { className: ['${cls}'] }, children: [{ type: 'text', value: ${text} }] }`;
  fs.writeFileSync(path.join(root, 'templates/404.tsx'), `export default function notFound() { return ${element('gone', "'Gone'")}; }\n`);
  const one = await build({ root, search: false });
  assert.equal(one.ok, true, formatReport(one.files));
  assert.equal(one.written - (one.reused ?? 0), 1, 'only 404.html is made again');
  assert.match(fs.readFileSync(path.join(root, 'public/404.html'), 'utf8'), /class="gone"/);
  assert.equal(ino('archive/index.html'), before.archive);

  fs.writeFileSync(path.join(root, 'templates/post.tsx'), `export default function post(props: any) { return ${element('custom', 'props.post.title')}; }\n`);
  const posts = await build({ root, search: false });
  assert.equal(posts.ok, true, formatReport(posts.files));
  assert.match(fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8'), /class="custom"/);
  assert.notEqual(ino('post/a/index.html'), before.post, 'post pages are made again');
  assert.equal(ino('archive/index.html'), before.archive, 'the archive is not');

  const cold = await build({ root, out: path.join(root, 'cold'), cache: false, search: false });
  assert.equal(cold.ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), snapshot(path.join(root, 'cold')), 'and the result is what a cold build makes');
});

test('should build without the search index with --no-search, and without the cache with --no-cache', async () => {
  const { main } = await import('../src/cli.js');
  const root = makeSite({ 'content/post/a.md': post('Alpha') });
  const { log } = console;
  console.log = () => {};
  try {
    assert.equal(await main(['build', '--root', root, '--no-search', '--no-cache', '--quiet']), 0);
  } finally {
    console.log = log;
  }
  assert.ok(fs.existsSync(path.join(root, 'public/post/a/index.html')));
  assert.equal(fs.existsSync(path.join(root, 'public/pagefind')), false, 'no search index');
  assert.equal(cacheFiles(root).length, 0, 'no cache');
});

test('should serve one cache to every output folder: where the output goes changes no page', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  assert.equal((await build({ root, out: path.join(root, 'one'), search: false })).ok, true);
  const entries = cacheFiles(root);
  assert.equal(entries.length, 2);
  // `onair dev` builds into a new temporary folder at each start: the same posts are not rendered again.
  assert.equal((await build({ root, out: path.join(root, 'two'), search: false })).ok, true);
  assert.deepEqual(cacheFiles(root), entries, 'no new entries: the second build used the first one\'s');
  assert.deepEqual(snapshot(path.join(root, 'two')), snapshot(path.join(root, 'one')));
});
