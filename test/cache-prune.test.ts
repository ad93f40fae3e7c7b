import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { loadMap } from '../src/util/map-file.js';
import { PostCache } from '../src/output/cache.js';
import { pruneCache } from '../src/output/cache-prune.js';
import { formatReport } from '../src/report.js';
import { makeSite, snapshot } from './helpers/site.js';

const DAY = 86_400_000;
const post = (title: string, body = 'Hello **world**.') => `---\ntitle: ${title}\ndate: 2024-01-02\ntags: [Istio]\n---\n\n${body}\n`;

/** Every file under `.onair-cache/posts` (relative path → inode). */
function entries(root: string): Map<string, number> {
  const dir = path.join(root, '.onair-cache', 'posts');
  const found = new Map<string, number>();
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.statSync(path.join(entry.parentPath, entry.name)).ino);
  }
  return found;
}

/** Sets the mtime of every file under `.onair-cache/posts` to `when`. */
function age(root: string, when: number): void {
  const dir = path.join(root, '.onair-cache', 'posts');
  for (const name of entries(root).keys()) fs.utimesSync(path.join(dir, name), new Date(when), new Date(when));
}

/** Prunes as the build does, from a later process (the last build's results are the used ones). */
async function prune(root: string, options: { now?: number; force?: boolean; maxAge?: number } = {}) {
  const cache = new PostCache(path.join(root, '.onair-cache'), true);
  await cache.load();
  return cache.prune(options);
}

async function ok(root: string, options: Parameters<typeof build>[0] = {}) {
  const result = await build({ root, search: false, ...options });
  assert.equal(result.ok, true, formatReport(result.files));
  return result;
}

async function cold(root: string) {
  const out = path.join(root, 'cold');
  fs.rmSync(out, { recursive: true, force: true });
  await ok(root, { out, cache: false });
  return snapshot(out);
}

test('should remove an edited post\'s old results a week after it stopped being used, never a used one, and still hit after', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta'), 'content/post/c.md': post('Gamma') });
  await ok(root);
  const first = entries(root);
  assert.equal(first.size, 6, 'a result and a copy of its files per post');
  // An old cache: every result written a month ago (the posts have not changed since).
  age(root, Date.now() - 30 * DAY);

  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha', 'Hello **again**.'));
  await ok(root);
  const edited = entries(root);
  for (const [name, ino] of first) assert.equal(edited.get(name), ino, `${name} is kept as it was`);
  assert.equal(edited.size, 8, 'the edited post has new results');

  // A day later, the old results are still there (they were used until the edit), and so is every used one.
  assert.equal((await prune(root, { now: Date.now() + DAY, force: true }))?.ran, true);
  assert.deepEqual([...entries(root).keys()].sort(), [...edited.keys()].sort());

  // Switching back (a branch, an undo) still hits: the old results are used again, not written again.
  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha'));
  await ok(root);
  assert.deepEqual(new Map([...entries(root)].filter(([name]) => first.has(name))), first, 'the old results are used as they were');
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold(root));

  // Edited again: now the second version is the unused one; a week and a day later it goes, nothing else does.
  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha', 'Hello **again**.'));
  await ok(root);
  fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha'));
  await ok(root);
  const report = await prune(root, { now: Date.now() + 8 * DAY });
  assert.equal(report?.ran, true, 'due: something expired');
  assert.ok((report?.bytes ?? 0) > 0);
  assert.deepEqual(entries(root), first, 'exactly the unused version is removed, the used results are untouched');

  // The next build is byte-identical to a cold one and hits every post: no result is written again.
  fs.rmSync(path.join(root, 'public'), { recursive: true });
  fs.rmSync(path.join(root, '.onair-spare-public'), { recursive: true, force: true });
  await ok(root);
  assert.deepEqual(entries(root), first, 'every post came from the cache');
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold(root));
});

test('should keep the two other generations used last for a week, one of another onair (or layout) for a day, and drop the rest at once', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  const posts = path.join(root, '.onair-cache', 'posts');
  const gens: string[] = [];
  for (const title of ['One', 'Two', 'Three', 'Four']) {
    // Another config: another generation of every result.
    fs.writeFileSync(path.join(root, 'onair.yaml'), `title: ${title}\n`);
    await ok(root);
    gens.push(fs.readdirSync(posts).find((name) => !gens.includes(name))!);
  }
  assert.equal(new Set(gens).size, 4);
  const current = gens[3]!;
  // Another onair's results (its code hash differs), used an hour ago: the most recent other generation.
  const foreign = `${current.startsWith('ffff') ? '0000' : 'ffff'}${current.slice(4)}`;
  fs.cpSync(path.join(posts, current), path.join(posts, foreign), { recursive: true });
  const now = Date.now();
  const setAge = (gen: string, hours: number) => fs.utimesSync(path.join(posts, gen), new Date(now - hours * 3_600_000), new Date(now - hours * 3_600_000));
  // A folder of the layout before generations (not one): it takes no place among them, and goes after a day.
  fs.cpSync(path.join(posts, current), path.join(posts, '3f'), { recursive: true });
  setAge('3f', 0);
  setAge(foreign, 1);
  setAge(gens[2]!, 2);
  setAge(gens[1]!, 3);
  // (A build that prunes has already dropped it: it was the third other generation.)
  if (fs.existsSync(path.join(posts, gens[0]!))) setAge(gens[0]!, 4);

  await prune(root, { now, force: true });
  assert.deepEqual(fs.readdirSync(posts).sort(), [current, foreign, gens[2]!, '3f'].sort(), 'the two used last are kept, the third goes');
  await prune(root, { now: now + 2 * DAY, force: true });
  assert.deepEqual(fs.readdirSync(posts).sort(), [current, gens[2]!].sort(), 'another onair: a day');
  await prune(root, { now: now + 8 * DAY, force: true });
  assert.deepEqual(fs.readdirSync(posts), [current], 'this onair: a week');
  await ok(root);
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold(root));
});

test('should prune only when something is due or a new generation appeared', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha') });
  await ok(root);
  const now = Date.now();
  assert.equal((await prune(root, { now, force: true }))?.ran, true);
  assert.equal((await prune(root, { now: now + 60_000 }))?.ran, false, 'nothing due: only prune.json is read');
  // A build that used a generation the last prune did not see (another config, post list, onair).
  const cache = path.join(root, '.onair-cache');
  const used = new Set((await loadMap(path.join(cache, 'results.bin')))!.keys() as Iterable<string>);
  const [gen] = [...used].map((key) => key.slice(0, 16));
  const code = gen!.slice(0, 8);
  const stray = path.join(cache, 'posts', gen!, '00', `${'f'.repeat(64)}.json`);
  fs.mkdirSync(path.dirname(stray), { recursive: true });
  fs.writeFileSync(stray, '{}');
  fs.utimesSync(stray, new Date(now - 30 * DAY), new Date(now - 30 * DAY));
  const report = await pruneCache(cache, { used, gens: new Set([gen!, `${code}${'0'.repeat(8)}`]), code }, { now: now + 120_000 });
  assert.equal(report.ran, true, 'a new generation');
  assert.equal(fs.existsSync(stray), true, 'only the generations are looked at, not the results');
  assert.equal((await prune(root, { now: now + 8 * DAY }))?.ran, true, 'a week later');
  assert.equal(fs.existsSync(stray), false);
});

test('should never follow or remove links, leave unknown files alone, and survive corrupt and stray files', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  await ok(root);
  const cache = path.join(root, '.onair-cache');
  const gen = fs.readdirSync(path.join(cache, 'posts'))[0]!;
  const sub = path.join(cache, 'posts', gen, fs.readdirSync(path.join(cache, 'posts', gen))[0]!);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-outside-'));
  fs.writeFileSync(path.join(outside, 'precious.json'), '{}');
  const old = new Date(Date.now() - 60 * DAY);
  const link = (target: string, at: string) => {
    fs.symlinkSync(target, at);
    fs.lutimesSync(at, old, old);
  };
  link(outside, path.join(cache, 'posts', 'ffffffffffffffff'));
  link(path.join(outside, 'precious.json'), path.join(sub, `${'e'.repeat(64)}.json`));
  // An old generation holding a link out: the generation goes, not what the link points at.
  fs.mkdirSync(path.join(cache, 'posts', 'abcdabcdabcdabcd', '00'), { recursive: true });
  link(outside, path.join(cache, 'posts', 'abcdabcdabcdabcd', '00', 'out'));
  fs.utimesSync(path.join(cache, 'posts', 'abcdabcdabcdabcd'), old, old);
  // Foreign, corrupt and stray files.
  const write = (file: string, body: string, when = old) => (fs.writeFileSync(file, body), fs.utimesSync(file, when, when));
  write(path.join(cache, 'notes.txt'), 'mine');
  write(path.join(cache, 'prune.json'), '{"version": 1, "due": "soon"');
  write(path.join(sub, `${'d'.repeat(64)}.json`), '{"result": tru');
  write(path.join(sub, 'x.json.123-0-1.tmp'), 'half');
  write(path.join(sub, 'y.json.123-0-2.tmp'), 'being written', new Date());
  write(path.join(cache, 'theme-0123abcd.json'), 'not json');

  const report = await prune(root, { force: true });
  assert.equal(report?.ran, true);
  assert.equal(fs.readFileSync(path.join(outside, 'precious.json'), 'utf8'), '{}', 'what a link points at is never touched');
  assert.ok(fs.lstatSync(path.join(cache, 'posts', 'ffffffffffffffff')).isSymbolicLink(), 'links are left alone');
  assert.ok(fs.lstatSync(path.join(sub, `${'e'.repeat(64)}.json`)).isSymbolicLink());
  assert.equal(fs.existsSync(path.join(cache, 'posts', 'abcdabcdabcdabcd')), false);
  assert.equal(fs.readFileSync(path.join(cache, 'notes.txt'), 'utf8'), 'mine', 'unknown files at the top are not ours');
  assert.equal(fs.existsSync(path.join(sub, `${'d'.repeat(64)}.json`)), false, 'an old unused entry goes, corrupt or not');
  assert.equal(fs.existsSync(path.join(sub, 'x.json.123-0-1.tmp')), false, 'a temp file of a dead writer goes');
  assert.equal(fs.existsSync(path.join(sub, 'y.json.123-0-2.tmp')), true, 'a temp file being written stays');
  assert.equal(fs.existsSync(path.join(cache, 'theme-0123abcd.json')), false, 'an old compiled theme goes');
  assert.equal(fs.readdirSync(cache).filter((name) => name.startsWith('theme-')).length, 1, 'the one in use stays');
  assert.ok(fs.readdirSync(cache).some((name) => /^output-[\da-f]{16}\.json$/.test(name)), 'the output manifest stays');
  await ok(root);
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold(root));
});

test('should warn, never throw, when the prune fails', async () => {
  const root = makeSite({ 'content/post/a.md': post('Alpha') });
  await ok(root);
  // prune.json cannot be written over a folder.
  const state = path.join(root, '.onair-cache', 'prune.json');
  fs.rmSync(state, { force: true });
  fs.mkdirSync(path.join(state, 'x'), { recursive: true });
  const warnings: Error[] = [];
  const listen = (warning: Error) => warnings.push(warning);
  process.on('warning', listen);
  try {
    assert.equal(await prune(root, { force: true }), undefined);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  assert.equal(warnings.length, 1);
  assert.equal((warnings[0] as NodeJS.ErrnoException).code, 'ONAIR_CACHE_PRUNE');
  assert.match(warnings[0]!.message, /could not prune the build cache/);
  await ok(root);
});

test('should remove what the last build did not use at once with `onair clean --unused`', async () => {
  const { cleanCommand } = await import('../src/commands/clean.js');
  const root = makeSite({ 'content/post/a.md': post('Alpha'), 'content/post/b.md': post('Beta') });
  const logs: string[] = [];
  const { log, error } = console;
  console.log = console.error = (line: string) => logs.push(line);
  try {
    assert.equal(await cleanCommand.run(['--unused', '--root', root]), 1, 'no build yet: nothing to go by');
    assert.match(logs.pop()!, /nothing known about the last build/);
    await ok(root);
    fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Renamed\n');
    await ok(root);
    fs.writeFileSync(path.join(root, 'content/post/a.md'), post('Alpha', 'Edited.'));
    await ok(root);
    assert.equal(await cleanCommand.run(['--unused', '--root', root]), 0);
    assert.match(logs.pop()!, /removed 2 files \([\d.]+ MB\) and 1 older generations/);
  } finally {
    console.log = log;
    console.error = error;
  }
  const left = entries(root);
  assert.equal(left.size, 4, 'only the results of the last build');
  const fresh = await ok(root);
  assert.deepEqual(entries(root), left, 'the next build hits every post');
  assert.equal(fresh.ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), await cold(root));
});

test('should remove the folder `onair dev` keeps a week after its last session ended, and not before', async () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-prune-dev-'));
  const kept = path.join(cache, 'dev/site');
  fs.mkdirSync(path.join(kept, 'out/post/a'), { recursive: true });
  fs.writeFileSync(path.join(kept, 'out/post/a/index.html'), 'a page');
  fs.writeFileSync(path.join(kept, 'clean'), '');
  const ended = Date.now() - 6 * DAY;
  fs.utimesSync(path.join(kept, 'clean'), new Date(ended), new Date(ended));
  const use = { used: new Set<string>(), gens: new Set<string>(), code: '00000000' };
  const report = await pruneCache(cache, use, { force: true });
  assert.ok(fs.existsSync(path.join(kept, 'out/post/a/index.html')), 'six days after: kept');
  assert.ok(report.due <= ended + 7 * DAY, 'the next prune is due when it expires');
  await pruneCache(cache, use, { force: true, now: ended + 7 * DAY + 1 });
  assert.deepEqual(fs.readdirSync(path.join(cache, 'dev')), [], 'a week after: gone');
  // While a session runs, its folder is claimed (renamed): nothing to remove.
  fs.mkdirSync(path.join(cache, 'dev/site.123-1/out'), { recursive: true });
  await pruneCache(cache, use, { force: true, now: ended + 30 * DAY });
  assert.deepEqual(fs.readdirSync(path.join(cache, 'dev')), ['site.123-1']);
  fs.rmSync(cache, { recursive: true, force: true });
});
