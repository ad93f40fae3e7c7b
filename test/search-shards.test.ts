import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as shards from '../src/search/shards.js';
import { indexSearch } from '../src/search/stage.js';
import { build } from '../src/build.js';
import { keyOf } from '../src/output/manifest.js';
import { FsWriter } from '../src/output/staged-writer.js';
import { InPlaceWriter, type OutputState } from '../src/output/in-place.js';
import { DirWriter, MemoryWriter, type Writer } from '../src/output/writer.js';
import type { SiteConfig } from '../src/types.js';
import { formatReport } from '../src/report.js';
import { blockExternal, launchBrowser, serveDir } from './helpers/browser.js';
import { makeSite, snapshot } from './helpers/site.js';

type Posts = Parameters<typeof indexSearch>[2];
const config = { language: 'en' } as SiteConfig;
const urls = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `/post/p${from + i}/`);
const layout = (list: readonly string[], capacity: number) => new Map(shards.assignShards(list, (url) => url, { root: 'pagefind', capacity }).map((s) => [s.id, s.pages.join(' ')]));

/** URL → text of every page in a bundle, from its files (path in the bundle → bytes). */
function fragments(files: Map<string, Uint8Array>): Map<string, string> {
  const pages = new Map<string, string>();
  for (const [name, data] of files) {
    if (!name.startsWith('fragment/')) continue;
    const fragment = JSON.parse(gunzipSync(data).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; content: string };
    pages.set(fragment.url, fragment.content);
  }
  return pages;
}

/** The files of the bundle folder `dir` on disk. */
const bundleOnDisk = (dir: string) => new Map([...snapshot(dir)].map(([name, data]) => [name, Buffer.from(data, 'base64')]));

test('should expose the shard assignment', () => {
  assert.deepEqual(Object.keys(shards).sort(), ['assignShards', 'shardCapacity', 'shardDir', 'shardList', 'shardListFile']);
});

test('should keep a small site in one bundle at pagefind/, and split a big one into shards of at most the capacity', () => {
  const small = shards.assignShards(urls(600), (url) => url, { root: 'pagefind' });
  assert.deepEqual(small.map((s) => [s.id, s.dir, s.pages.length]), [['', 'pagefind/', 600]]);
  assert.equal(shards.shardList(small), '{"version":1,"bundles":["./"]}\n');
  assert.deepEqual(shards.assignShards([], (url: string) => url, { root: 'pagefind' }), []);

  const big = shards.assignShards(urls(10_000), (url) => url, { root: 'pagefind' });
  assert.ok(big.every((s) => s.pages.length <= shards.shardCapacity && s.pages.length > 0));
  assert.deepEqual(big.flatMap((s) => s.pages).sort(), urls(10_000).sort(), 'every page in exactly one shard');
  assert.ok(big.every((s) => /^[01]+$/.test(s.id) && s.dir === `pagefind/${s.id}/`));
  assert.ok(big.every((a) => big.every((b) => a === b || !b.id.startsWith(a.id))), 'no folder inside another');
  assert.ok(big.length >= 17 && big.length <= 34, `${big.length} shards`);
  assert.deepEqual(JSON.parse(shards.shardList(big)).bundles, big.map((s) => `${s.id}/`));
});

test('should keep every other shard as it is when posts are added one by one', () => {
  const capacity = 16;
  let list = urls(200);
  let before = layout(list, capacity);
  let splits = 0;
  for (let i = 0; i < 300; i++) {
    const added = `/post/new-${i}/`;
    list = [...list, added];
    const after = layout(list, capacity);
    const changed = [...before.keys()].filter((id) => after.get(id) !== before.get(id));
    assert.equal(changed.length, 1, `adding ${added} changed ${changed.join(', ')}`);
    const home = [...after].find(([, pages]) => pages.split(' ').includes(added))![0];
    assert.ok(home.startsWith(changed[0]), 'the changed shard is the new page\'s, or was split into it');
    if (home !== changed[0]) splits++;
    // Every page keeps its shard or moves into one of its halves.
    for (const [id, pages] of before) for (const url of pages.split(' ')) assert.ok([...after].some(([other, now]) => other.startsWith(id) && now.split(' ').includes(url)));
    before = after;
  }
  assert.ok(splits >= 10, `${splits} splits`);
  const max = Math.max(...[...before.values()].map((pages) => pages.split(' ').length));
  assert.ok(max <= capacity, `largest shard ${max}`);
});

const page = (word: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${word}</title></head><body><main><h1>${word}</h1><p>The ${word} interview about zebracorn.</p></main></body></html>`;

/** Writes one page per slug through `writer` (carried over when its word is unchanged) and indexes them in shards of 2. */
async function writeAndIndex(writer: Writer, words: Record<string, string>): Promise<Posts> {
  const posts: Array<{ outputPath: string; url: string; key: string }> = [];
  for (const [slug, word] of Object.entries(words)) {
    const outputPath = `post/${slug}/index.html`;
    const key = keyOf('page', word);
    if (!(await writer.reuse(outputPath, key))) await writer.write(outputPath, page(word), key);
    posts.push({ outputPath, url: `/post/${slug}/`, key });
  }
  await indexSearch(config, writer, posts as unknown as Posts, 'salt', undefined, { shardCapacity: 2 });
  return posts as unknown as Posts;
}

test('should make again only the shard of an edited post, carrying the others over byte-identical (new and spare staging)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-shards-'));
  const out = path.join(dir, 'public');
  const manifest = path.join(dir, 'output.json');
  const words: Record<string, string> = { a: 'alpha', b: 'bravo', c: 'charlie', d: 'delta', e: 'echo', f: 'foxtrot', g: 'golf' };
  try {
    const round = async () => {
      const writer = await FsWriter.create(out, { manifest });
      await writeAndIndex(writer, words);
      await writer.commit();
    };
    await round();
    const layout = shards.assignShards(Object.keys(words), (slug) => `/post/${slug}/`, { root: 'pagefind', capacity: 2 });
    assert.ok(layout.length >= 4, `${layout.length} shards`);
    const list = fs.readFileSync(path.join(out, 'pagefind', 'shards.json'), 'utf8');
    assert.deepEqual(JSON.parse(list).bundles, layout.map((s) => `${s.id}/`));
    for (const shard of layout) {
      assert.deepEqual([...fragments(bundleOnDisk(path.join(out, shard.dir))).keys()].sort(), shard.pages.map((slug) => `/post/${slug}/`).sort());
    }
    assert.equal(fs.existsSync(path.join(out, 'pagefind', 'pagefind.js')), false, 'no bundle at the root of a sharded index');

    // Round 2 stages into a new folder, round 3 into the spare (round 1's output).
    for (const [slug, word] of [['c', 'quokkazot'], ['f', 'wombatrix']]) {
      const shardOf = layout.find((s) => s.pages.includes(slug))!;
      const before = new Map(layout.map((s) => [s.id, { files: snapshot(path.join(out, s.dir)), ino: fs.statSync(path.join(out, s.dir, 'pagefind-entry.json')).ino }]));
      const old = words[slug];
      words[slug] = word;
      await round();
      for (const shard of layout) {
        const now = snapshot(path.join(out, shard.dir));
        const text = [...fragments(bundleOnDisk(path.join(out, shard.dir))).values()].join(' ');
        if (shard === shardOf) {
          assert.match(text, new RegExp(word), 'the edited post is found by its new word');
          assert.doesNotMatch(text, new RegExp(old), 'and not by its old one');
          assert.equal(now.size, before.get(shard.id)!.files.size, 'no fragment of the old page is left');
        } else {
          assert.deepEqual(now, before.get(shard.id)!.files, `shard ${shard.id} is byte-identical`);
          assert.equal(fs.statSync(path.join(out, shard.dir, 'pagefind-entry.json')).ino, before.get(shard.id)!.ino, `shard ${shard.id} is carried over, not made again`);
        }
      }
      assert.equal(fs.readFileSync(path.join(out, 'pagefind', 'shards.json'), 'utf8'), list);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('should change only the edited post\'s shard in an in-place (dev) output', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-shards-dev-'));
  const state: OutputState = new Map();
  const words: Record<string, string> = { a: 'alpha', b: 'bravo', c: 'charlie', d: 'delta', e: 'echo', f: 'foxtrot' };
  try {
    await writeAndIndex(new InPlaceWriter(out, state), words);
    const layout = shards.assignShards(Object.keys(words), (slug) => `/post/${slug}/`, { root: 'pagefind', capacity: 2 });
    const edited = layout.find((s) => s.pages.includes('d'))!;
    words.d = 'quokkazot';
    const writer = new InPlaceWriter(out, state);
    await writeAndIndex(writer, words);
    await writer.commit();
    const changed = [...writer.changed].filter((file) => file !== 'post/d/index.html');
    assert.ok(changed.length > 0);
    assert.deepEqual(changed.filter((file) => !file.startsWith(edited.dir)), [], 'nothing outside the edited shard changed');
    const text = [...fragments(bundleOnDisk(path.join(out, edited.dir))).values()].join(' ');
    assert.match(text, /quokkazot/);
    assert.doesNotMatch(text, /delta/);
    assert.ok([...state.keys()].every((file) => fs.existsSync(path.join(out, file))), 'the state describes the disk');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('should shard an in-memory build the same way as one on disk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-shards-mem-'));
  const words = { a: 'alpha', b: 'bravo', c: 'charlie', d: 'delta', e: 'echo' };
  try {
    const disk = new DirWriter(dir);
    await writeAndIndex(disk, words);
    const memory = new MemoryWriter();
    await writeAndIndex(memory, words);
    const bundles = (files: string[]) => {
      const byDir = new Map<string, string[]>();
      for (const file of files.filter((f) => f.startsWith('pagefind/') && f.includes('/fragment/'))) {
        const at = file.indexOf('/fragment/');
        byDir.set(file.slice(0, at + 1), []);
      }
      return [...byDir.keys()].sort();
    };
    const onDisk = [...snapshot(dir).keys()];
    assert.deepEqual(bundles([...memory.files.keys()]), bundles(onDisk));
    assert.ok(bundles(onDisk).length >= 3);
    for (const bundle of bundles(onDisk)) {
      const inMemory = new Map([...memory.files].filter(([f]) => f.startsWith(bundle)).map(([f, data]) => [f.slice(bundle.length), data as Uint8Array]));
      assert.deepEqual([...fragments(inMemory).keys()].sort(), [...fragments(bundleOnDisk(path.join(dir, bundle))).keys()].sort(), bundle);
    }
    const list = memory.files.get('pagefind/shards.json')!;
    assert.equal(typeof list === 'string' ? list : new TextDecoder().decode(list), fs.readFileSync(path.join(dir, 'pagefind/shards.json'), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('should find words from posts in different shards in one query on the /search/ page under a sub-path', async (t) => {
  const launched = await launchBrowser();
  if (launched.skip) return t.skip(launched.skip);
  const words: Record<string, string> = { a: 'alpha', b: 'bravo', c: 'charlie', d: 'delta', e: 'echo' };
  const post = (word: string) => `---\ntitle: The ${word} talk\ndate: 2024-01-02\n---\n\nWe talked about ${word}kin and the zebracorn project.\n`;
  const root = makeSite(Object.fromEntries(Object.entries(words).map(([slug, word]) => [`content/post/${slug}.md`, post(word)])));
  const out = path.join(root, 'www', 'sub');
  const browser = launched.browser!;
  let served: Awaited<ReturnType<typeof serveDir>> | undefined;
  try {
    // The site as built, then its search stage again with shards of 2 pages (the build's own run made one bundle).
    const result = await build({ root, out, baseUrl: 'https://blog.test/sub/', search: false });
    assert.equal(result.ok, true, formatReport(result.files));
    const writer = new DirWriter(out);
    const posts = Object.keys(words).map((slug) => ({ outputPath: `post/${slug}/index.html`, url: `/post/${slug}/` }));
    for (const { outputPath } of posts) writer.adopt(outputPath);
    await indexSearch(config, writer, posts as unknown as Posts, 'salt', undefined, { shardCapacity: 2 });
    const ids = shards.assignShards(posts, (p) => p.url, { root: 'pagefind', capacity: 2 }).map((s) => s.id);
    assert.ok(ids.length >= 3, `${ids.length} shards`);

    served = await serveDir(path.join(root, 'www'));
    const tab = await browser.newPage();
    const log = await blockExternal(tab);
    const results = async (q: string) => {
      await tab.goto(`${served!.url}sub/search/?q=${encodeURIComponent(q)}`);
      // Every query here has a hit; a miss times out and fails the test.
      await tab.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 });
      return (await tab.$$eval('.pagefind-ui__result-link', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).sort();
    };
    assert.deepEqual(await results('zebracorn'), posts.map((p) => `/sub${p.url}`).sort(), 'one query, every shard');
    assert.deepEqual(await results('charliekin'), ['/sub/post/c/']);
    assert.deepEqual(await results('echokin'), ['/sub/post/e/']);
    for (const id of ids) assert.ok(served.requests.includes(`/sub/pagefind/${id}/pagefind-entry.json`), `bundle ${id} loaded`);
    assert.ok(!served.requests.some((p) => p === '/sub/pagefind/pagefind.js'), 'no root bundle');
    assert.deepEqual(log.external, []);
  } finally {
    await browser.close();
    await served?.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should shard the index of a whole build, and make again only the edited post\'s shard on a rebuild', async () => {
  const slugs = ['a', 'b', 'c', 'd', 'e'];
  const root = makeSite(Object.fromEntries(slugs.map((slug, i) => [`content/post/${slug}.md`, `---\ntitle: Post ${slug}\ndate: 2024-01-0${i + 1}\n---\n\nWord${slug} here.\n`])));
  const out = path.join(root, 'public');
  const first = await build({ root }, { searchShardCapacity: 2 });
  assert.equal(first.ok, true, formatReport(first.files));
  const bundles = (JSON.parse(fs.readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')) as { bundles: string[] }).bundles;
  assert.ok(bundles.length >= 3, `${bundles.length} bundles`);
  const entry = (bundle: string) => path.join(out, 'pagefind', bundle, 'pagefind-entry.json');
  const before = new Map(bundles.map((bundle) => [bundle, fs.statSync(entry(bundle)).ino]));
  const layout = shards.assignShards(slugs, (slug) => `/post/${slug}/`, { root: 'pagefind', capacity: 2 });
  const edited = layout.find((shard) => shard.pages.includes('c'))!;
  fs.appendFileSync(path.join(root, 'content/post/c.md'), '\nAnd more.\n');
  const second = await build({ root }, { searchShardCapacity: 2 });
  assert.equal(second.ok, true, formatReport(second.files));
  for (const bundle of bundles) {
    const same = fs.statSync(entry(bundle)).ino === before.get(bundle);
    assert.equal(same, `${edited.id}/` !== bundle, `bundle ${bundle}: ${same ? 'carried over' : 'made again'}`);
  }
});
