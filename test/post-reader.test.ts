/**
 * The front-matter reader keeps one copy of each post's metadata and none of
 * its text: at 10,000 posts the texts alone were 300 MB of the build thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/index.js';
import { loadConfig } from '../src/config.js';
import { PostReader } from '../src/model/post-reader.js';
import { keyOf } from '../src/output/manifest.js';
import { loadMap, saveMap } from '../src/util/map-file.js';

function site(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-reader-'));
  fs.mkdirSync(path.join(root, 'content/posts'), { recursive: true });
  for (let i = 1; i <= 3; i++) {
    fs.writeFileSync(path.join(root, `content/posts/p${i}.md`), `---\ntitle: Post ${i}\ndate: 2024-01-0${i}\ntags: [a, b]\n---\n\nBody ${i} ${'words '.repeat(50)}\n`);
  }
  fs.writeFileSync(path.join(root, 'content/posts/draft.md'), `---\ntitle: Draft\ndraft: true\n---\n\nNot published.\n`);
  return root;
}

test('should hand each build its own resources list and share the rest of the metadata with the memo', async () => {
  const root = site();
  const { config } = await loadConfig(root, {});
  const reader = new PostReader();
  const entry = { absolute: path.join(root, 'content/posts/p1.md'), contentPath: 'posts/p1.md' };
  const first = await reader.read(entry, root, config, 'k');
  const second = await reader.read(entry, root, config, 'k');
  assert.ok(first.meta && second.meta);
  assert.equal(first.meta.title, 'Post 1');
  // The build adds to `resources`: never into the memo or another build's copy.
  first.meta.resources.push('posts/p1.jpg');
  assert.deepEqual(second.meta.resources, []);
  assert.notEqual(first.meta.resources, second.meta.resources);
  assert.equal(first.meta.tags, second.meta.tags, 'the read-only rest is one object, not a copy per read');
  assert.equal(first.file.data.matter, undefined, 'the parsed front matter is not kept on the file');
  assert.equal(first.file.data.rawMatter, undefined);
  fs.rmSync(root, { recursive: true, force: true });
});

test('should not hold any post text once the build is done with it', async () => {
  const root = site();
  const result = await build({ root, out: path.join(root, 'public'), cache: false, search: false, threads: 0 });
  assert.equal(result.ok, true);
  const posts = result.files.filter((file) => file.path.startsWith('content/'));
  assert.equal(posts.length, 4, 'the draft is reported on too');
  for (const file of posts) assert.equal(file.value, '', `${file.path} keeps its text`);
  assert.match(fs.readFileSync(path.join(root, 'public/posts/p2/index.html'), 'utf8'), /Body 2/);
  fs.rmSync(root, { recursive: true, force: true });
});

test('should read front matter again when another onair saved it, and trust what this one saved', async () => {
  const root = site();
  const out = path.join(root, 'public');
  const matterFile = path.join(root, '.onair-cache/matter.bin');
  assert.equal((await build({ root, out, search: false, threads: 0 })).ok, true);
  // An older onair stamped its saved front matter with the config's key alone.
  const { config } = await loadConfig(root, { outDir: out });
  const configOnly = keyOf(JSON.stringify(config, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value)));
  const forge = async (key: (stamp: string) => string) => {
    const memo = (await loadMap(matterFile)) as Map<string, { stamp: string; meta?: { title: string } }>;
    assert.ok(memo && memo.size === 4);
    for (const value of memo.values()) {
      value.stamp = key(value.stamp) + value.stamp.slice(value.stamp.indexOf('\0'));
      if (value.meta) value.meta.title = 'Stale';
    }
    await saveMap(matterFile, memo);
  };
  const title = () => /<title>([^<·]*)/.exec(fs.readFileSync(path.join(out, 'posts/p1/index.html'), 'utf8'))?.[1]?.trim();
  // This onair's own stamp is trusted (the file is read, not re-parsed): the forged title shows.
  await forge((stamp) => stamp.slice(0, stamp.indexOf('\0')));
  assert.equal((await build({ root, out, search: false, threads: 0 })).ok, true);
  assert.equal(title(), 'Stale');
  // Another onair's stamp is not: the post's own title is back.
  await forge(() => configOnly);
  assert.equal((await build({ root, out, search: false, threads: 0 })).ok, true);
  assert.equal(title(), 'Post 1');
  fs.rmSync(root, { recursive: true, force: true });
});

test('should trust a caller that says a file is unchanged only once this process has read it, not on what another saved', async () => {
  const root = site();
  const { config } = await loadConfig(root, {});
  const file = path.join(root, '.onair-cache/matter.bin');
  const entry = { absolute: path.join(root, 'content/posts/p1.md'), contentPath: 'posts/p1.md' };
  const before = new PostReader();
  await before.read(entry, root, config, 'k');
  await before.save(file);
  // Edited between two `onair dev` sessions: the next one's watcher never saw it.
  fs.writeFileSync(entry.absolute, fs.readFileSync(entry.absolute, 'utf8').replace('Post 1', 'Post 1, edited'));
  const reader = await PostReader.load(file);
  assert.equal((await reader.read(entry, root, config, 'k', true)).meta?.title, 'Post 1, edited', 'read again: never seen by this process');
  fs.writeFileSync(entry.absolute, fs.readFileSync(entry.absolute, 'utf8').replace('Post 1, edited', 'Post 1, unseen'));
  assert.equal((await reader.read(entry, root, config, 'k', true)).meta?.title, 'Post 1, edited', 'seen since: the caller is trusted');
  fs.rmSync(root, { recursive: true, force: true });
});
