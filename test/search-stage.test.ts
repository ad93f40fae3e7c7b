import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as stage from '../src/search/stage.js';
import { pagesGlob } from '../src/search/disk.js';
import { runPagefind } from '../src/search/pagefind-cli.js';
import { build } from '../src/build.js';
import { InPlaceWriter, type OutputState } from '../src/output/in-place.js';
import { DirWriter } from '../src/output/writer.js';
import type { SiteConfig } from '../src/types.js';
import { formatReport } from '../src/report.js';
import { makeSite, snapshot } from './helpers/site.js';

const post = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-02\ntags: [Istio]\n---\n\n${body}\n`;

/** A Pagefind file's bytes (gzip, then a `pagefind_dcd` signature). */
const open = (file: string) => gunzipSync(fs.readFileSync(file)).subarray('pagefind_dcd'.length);

/** URL → text of every page in the bundle at `dir`. */
function fragments(dir: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const name of fs.readdirSync(path.join(dir, 'fragment'))) {
    const fragment = JSON.parse(open(path.join(dir, 'fragment', name)).toString('utf8')) as { url: string; content: string };
    pages.set(fragment.url, fragment.content);
  }
  return pages;
}

/** Whether any word index chunk of the bundle at `dir` holds `word`. */
const indexed = (dir: string, word: string) => fs.readdirSync(path.join(dir, 'index')).some((name) => open(path.join(dir, 'index', name)).includes(word));

test('should expose indexSearch and startSearch', () => {
  assert.deepEqual(Object.keys(stage).sort(), ['indexSearch', 'searchParallelism', 'startSearch']);
});

test('should run the stage in the background until done, or stop it with nothing written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-search-bg-'));
  try {
    fs.mkdirSync(path.join(dir, 'post/a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'post/a/index.html'), '<!DOCTYPE html><html lang="en"><body><article data-pagefind-body>The zyzzogeton talk.</article></body></html>');
    const pages = [{ outputPath: 'post/a/index.html', url: '/post/a/' }] as unknown as Parameters<typeof stage.startSearch>[2];
    // A relative folder too: the links Pagefind reads must not resolve against the temp folder.
    const writerFor = () => {
      const writer = new DirWriter(path.relative(process.cwd(), dir));
      writer.adopt('post/a/index.html');
      return writer;
    };
    const stopped = stage.startSearch({ language: 'en' } as SiteConfig, writerFor(), pages, 'salt');
    await stopped.stop();
    await stopped.done;
    assert.equal(fs.existsSync(path.join(dir, 'pagefind')), false);
    const writer = writerFor();
    await stage.startSearch({ language: 'en' } as SiteConfig, writer, pages, 'salt').done;
    assert.ok(indexed(path.join(dir, 'pagefind'), 'zyzzogeton'));
    assert.ok(writer.paths.has('pagefind/pagefind-entry.json'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('should index exactly the post pages from disk, find a changed word after a rebuild, and carry an unchanged bundle over byte-identical', async () => {
  const root = makeSite({
    'content/post/a.md': post('Alpha', 'The zyzzogeton talk about 服务网格.'),
    'content/post/b.md': post('Beta', 'Envoy Gateway and xDS.'),
  });
  const bundle = path.join(root, 'public', 'pagefind');
  try {
    const first = await build({ root });
    assert.equal(first.ok, true, formatReport(first.files));
    assert.deepEqual([...fragments(bundle).keys()].sort(), ['/post/a/', '/post/b/'], 'posts only: no home, section, term or archive page');
    assert.ok(indexed(bundle, 'zyzzogeton'));
    assert.ok(indexed(bundle, 'gateway'));
    assert.match(fragments(bundle).get('/post/a/')!, /服务/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(bundle, 'shards.json'), 'utf8')), { version: 1, bundles: ['./'] }, 'a small site is one bundle');
    assert.deepEqual(fs.readdirSync(bundle, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(), ['fragment', 'index'], 'no shard folders');

    const before = snapshot(bundle);
    const inode = fs.statSync(path.join(bundle, 'pagefind-entry.json')).ino;
    const same = await build({ root });
    assert.equal(same.ok, true);
    assert.deepEqual(snapshot(bundle), before, 'an unchanged rebuild keeps the bundle byte for byte');
    assert.equal(fs.statSync(path.join(bundle, 'pagefind-entry.json')).ino, inode, 'carried over (linked), not made again');

    fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha', 'The quokkazot talk.'));
    const changed = await build({ root });
    assert.equal(changed.ok, true);
    assert.ok(indexed(bundle, 'quokkazot'), 'the new word is found');
    assert.ok(!indexed(bundle, 'zyzzogeton'), 'the old word is gone');
    assert.equal(fs.readdirSync(path.join(bundle, 'fragment')).length, 2, 'no fragment of the old page is left');
    assert.notEqual(fs.statSync(path.join(bundle, 'pagefind-entry.json')).ino, inode, 'the previous output was not written through');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should refresh the bundle of an in-place (dev) output, deleting the old files', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha', 'The zyzzogeton talk.'), 'content/post/b.md': post('Beta', 'Envoy.') });
  const out = path.join(root, 'public');
  const bundle = path.join(out, 'pagefind');
  const state: OutputState = new Map();
  try {
    assert.equal((await build({ root, out }, { writer: new InPlaceWriter(out, state) })).ok, true);
    assert.ok(indexed(bundle, 'zyzzogeton'));
    const old = fs.readdirSync(path.join(bundle, 'fragment'));
    fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha', 'The quokkazot talk.'));
    const result = await build({ root, out }, { writer: new InPlaceWriter(out, state) });
    assert.equal(result.ok, true, formatReport(result.files));
    assert.ok(indexed(bundle, 'quokkazot'));
    assert.ok(!indexed(bundle, 'zyzzogeton'));
    const now = fs.readdirSync(path.join(bundle, 'fragment'));
    assert.equal(now.length, 2);
    assert.equal(now.filter((name) => !old.includes(name)).length, 1, 'one fragment changed');
    assert.ok([...state.keys()].filter((file) => file.startsWith('pagefind/')).every((file) => fs.existsSync(path.join(out, file))), 'the state describes the disk');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should index as many shards at once as there are cores and free memory for, at least one', () => {
  const gb = 2 ** 30;
  assert.equal(stage.searchParallelism(600, 2, 16 * gb), 2);
  assert.equal(stage.searchParallelism(600, 8, 3 * gb), 5, '(3 GB - 1 GB reserve) / (600 × 0.5 MB + 48 MB)');
  assert.equal(stage.searchParallelism(600, 8, 1.2 * gb), 1);
  assert.equal(stage.searchParallelism(600, 8, 0.2 * gb), 1, 'never none');
  assert.equal(stage.searchParallelism(50, 1, 16 * gb), 1);
});

test('should make the same shards running Pagefind on several at once as on one at a time, and stop them all', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-search-par-'));
  const words = ['zyzzogeton', 'quokkazot', 'flibbertine', 'gnarwhalix', 'plumbago', 'wombatery', 'xylophant'];
  const pages = words.map((word) => ({ outputPath: `post/${word}/index.html`, url: `/post/${word}/`, key: word }));
  for (const word of words) {
    fs.mkdirSync(path.join(dir, 'post', word), { recursive: true });
    fs.writeFileSync(path.join(dir, 'post', word, 'index.html'), `<!DOCTYPE html><html lang="en"><head><title>${word}</title></head><body><article data-pagefind-body>The ${word} talk.</article></body></html>`);
  }
  const writerFor = () => {
    fs.rmSync(path.join(dir, 'pagefind'), { recursive: true, force: true });
    const writer = new DirWriter(dir);
    for (const page of pages) writer.adopt(page.outputPath);
    return writer;
  };
  // Pagefind runs at once, seen as the work folders `indexFromDisk` makes for each.
  const mostRunning = async (run: () => Promise<void>) => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('onair-search-')));
    let most = 0;
    const timer = setInterval(() => {
      most = Math.max(most, fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('onair-search-') && !before.has(name)).length);
    }, 5);
    try {
      await run();
    } finally {
      clearInterval(timer);
    }
    return most;
  };
  const config = { language: 'en' } as SiteConfig;
  type Pages = Parameters<typeof stage.indexSearch>[2];
  try {
    const one = await mostRunning(() => stage.indexSearch(config, writerFor(), pages as unknown as Pages, 'salt', undefined, { shardCapacity: 2, parallel: 1 }));
    const bundles = snapshot(path.join(dir, 'pagefind'));
    const several = await mostRunning(() => stage.indexSearch(config, writerFor(), pages as unknown as Pages, 'salt', undefined, { shardCapacity: 2, parallel: 3 }));
    assert.equal(one, 1);
    assert.ok(several >= 2, `${several} Pagefind run(s) at once`);
    const shards = JSON.parse(bundles.get('shards.json') ? Buffer.from(bundles.get('shards.json')!, 'base64').toString('utf8') : '{}') as { bundles: string[] };
    assert.ok(shards.bundles.length >= 3, 'several shards');
    assert.deepEqual(snapshot(path.join(dir, 'pagefind')), bundles, 'byte for byte');
    const urls = shards.bundles.flatMap((bundle) => [...fragments(path.join(dir, 'pagefind', bundle)).keys()]);
    assert.deepEqual(urls.sort(), pages.map((page) => page.url).sort(), 'each page in one listed bundle');

    // Stopped while several run: every run ends, nothing more is written (no shard list).
    const controller = new AbortController();
    const stopped = stage.indexSearch(config, writerFor(), pages as unknown as Pages, 'salt', controller.signal, { shardCapacity: 2, parallel: 3 });
    setTimeout(() => controller.abort(), 20);
    await stopped;
    assert.equal(fs.existsSync(path.join(dir, 'pagefind', 'shards.json')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('should glob pages by extension, and not at all without one', () => {
  assert.equal(pagesGlob(['post/a/index.html', 'b.HTM', 'c/feed.xml']), '**/*.{HTM,html,xml}');
  assert.equal(pagesGlob(['post/a/index.html', 'post/b']), undefined);
});

test('should stop Pagefind when the signal aborts, and report its failure with its output', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-pagefind-'));
  try {
    const site = path.join(work, 'site');
    fs.mkdirSync(path.join(site, 'a'), { recursive: true });
    fs.writeFileSync(path.join(site, 'a/index.html'), '<!DOCTYPE html><html lang="en"><body><p>Hello</p></body></html>');
    const options = { site, glob: '**/*.{html}', outputPath: path.join(work, 'out'), language: 'en', cwd: work };
    const controller = new AbortController();
    const run = runPagefind({ ...options, signal: controller.signal });
    controller.abort();
    assert.equal(await run, false);
    assert.equal(await runPagefind(options), true);
    assert.ok(fs.existsSync(path.join(work, 'out', 'pagefind-entry.json')));
    await assert.rejects(runPagefind({ ...options, site: path.join(work, 'empty') }), (error: Error) => {
      assert.match(error.message, /Pagefind exited with code 1/);
      assert.match(String(error.cause), /not able to build an index/);
      return true;
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
