/**
 * The dev server's watcher on real folders in a temp dir: what it reports for
 * saves, rename-saves, deletes, folders that appear (with files written into
 * them at once) or go, a config file, a watched folder made after start,
 * editor droppings and files outside the site's sources. Waits poll with a
 * generous cap; nothing is timed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { watchSite, type SiteWatcher } from '../src/serve/watch.js';

interface Watched {
  root: string;
  calls: string[][];
  /** Every path reported so far, relative to the root. */
  seen(): Set<string>;
  /** Waits until `rel` has been reported (relative to the root). */
  until(rel: string, what: string): Promise<void>;
  /** Waits until nothing is reported for a while. */
  quiet(): Promise<void>;
  errors: Error[];
  watcher: SiteWatcher;
  close(): Promise<void>;
}

async function watched(layout: (root: string) => void = () => {}): Promise<Watched> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-watch-test-'));
  fs.mkdirSync(path.join(root, 'content/post'), { recursive: true });
  fs.writeFileSync(path.join(root, 'content/post/a.md'), 'a');
  fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: T\n');
  layout(root);
  const calls: string[][] = [];
  const errors: Error[] = [];
  const watcher = await watchSite({
    root,
    dirs: ['content', 'static', 'templates'].map((dir) => path.join(root, dir)),
    files: ['onair.yaml', 'onair.yml'].map((name) => path.join(root, name)),
    onChange: (paths) => calls.push(paths),
    onError: (error) => errors.push(error),
  });
  const seen = () => new Set(calls.flat().map((p) => path.relative(root, p).split(path.sep).join('/')));
  return {
    root,
    calls,
    errors,
    watcher,
    seen,
    async until(rel, what) {
      for (let i = 0; i < 500 && !seen().has(rel); i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(seen().has(rel), `${what}: ${rel} was not reported (seen: ${[...seen()].join(', ')})`);
    },
    async quiet() {
      let count = -1;
      for (let i = 0; i < 100 && count !== calls.length; i++) {
        count = calls.length;
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async close() {
      await watcher.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

test('should report a save, a rename-save, a delete and a new post, each as its own path', async () => {
  const w = await watched();
  try {
    const file = path.join(w.root, 'content/post/a.md');
    fs.writeFileSync(file, 'saved');
    await w.until('content/post/a.md', 'a save in place');
    await w.quiet();
    // One save (a truncate and a write) is one report, not two builds.
    assert.equal(w.calls.length, 1, JSON.stringify(w.calls));
    w.calls.length = 0;
    fs.writeFileSync(file + '.tmp', 'renamed over');
    fs.renameSync(file + '.tmp', file);
    await w.until('content/post/a.md', 'a rename-save');
    w.calls.length = 0;
    fs.writeFileSync(path.join(w.root, 'content/post/b.md'), 'new');
    await w.until('content/post/b.md', 'a new post');
    fs.unlinkSync(path.join(w.root, 'content/post/b.md'));
    w.calls.length = 0;
    await w.until('content/post/b.md', 'a deleted post');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('should watch a folder that appears, with what was written into it at once, and let go of one that is gone', async () => {
  const w = await watched();
  try {
    // Made and filled in one go, before the watcher can have seen the folder.
    const bundle = path.join(w.root, 'content/post/bundle/deep');
    fs.mkdirSync(bundle, { recursive: true });
    fs.writeFileSync(path.join(bundle, 'index.md'), 'one');
    await w.until('content/post/bundle', 'a new folder');
    await w.quiet();
    // The new folder's own files are watched from now on.
    w.calls.length = 0;
    fs.writeFileSync(path.join(bundle, 'index.md'), 'two');
    await w.until('content/post/bundle/deep/index.md', 'a save in a new folder');
    // A whole folder removed: reported as the folder.
    w.calls.length = 0;
    fs.rmSync(path.join(w.root, 'content/post/bundle'), { recursive: true });
    await w.until('content/post/bundle', 'a deleted folder');
    // Made again under the same name: watched again.
    fs.mkdirSync(path.join(w.root, 'content/post/bundle'));
    await w.quiet();
    w.calls.length = 0;
    fs.writeFileSync(path.join(w.root, 'content/post/bundle/index.md'), 'three');
    await w.until('content/post/bundle/index.md', 'a save in a folder made again');
    // Removed and made again at once (a branch switch): the new folder is watched, not the old one's watch kept.
    await w.quiet();
    fs.rmSync(path.join(w.root, 'content/post/bundle'), { recursive: true });
    fs.mkdirSync(path.join(w.root, 'content/post/bundle'));
    await w.quiet();
    w.calls.length = 0;
    fs.writeFileSync(path.join(w.root, 'content/post/bundle/index.md'), 'four');
    await w.until('content/post/bundle/index.md', 'a save in a folder removed and made again at once');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('should follow the config file and a source folder made after start, and nothing else', async () => {
  const w = await watched();
  try {
    // Not sources: the output, the cache, other files at the root, editor droppings.
    fs.mkdirSync(path.join(w.root, 'public'));
    fs.writeFileSync(path.join(w.root, 'public/index.html'), 'x');
    fs.mkdirSync(path.join(w.root, '.onair-cache'));
    fs.writeFileSync(path.join(w.root, '.onair-cache/results.bin'), 'x');
    fs.writeFileSync(path.join(w.root, 'README.md'), 'x');
    for (const junk of ['.a.md.swp', 'a.md~', '4913', '.#a.md']) fs.writeFileSync(path.join(w.root, 'content/post', junk), 'x');
    fs.writeFileSync(path.join(w.root, 'onair.yaml'), 'title: U\n');
    await w.until('onair.yaml', 'the config file');
    fs.writeFileSync(path.join(w.root, 'onair.yml'), 'title: V\n');
    await w.until('onair.yml', 'a config file made after start');
    fs.mkdirSync(path.join(w.root, 'static/img'), { recursive: true });
    fs.writeFileSync(path.join(w.root, 'static/img/logo.svg'), '<svg/>');
    await w.until('static', 'a source folder made after start');
    await w.quiet();
    fs.writeFileSync(path.join(w.root, 'static/img/logo.svg'), '<svg></svg>');
    await w.until('static/img/logo.svg', 'a save in a source folder made after start');
    await w.quiet();
    const stray = [...w.seen()].filter((p) => !/^(?:onair\.ya?ml|static(?:\/.*)?)$/.test(p));
    assert.deepEqual(stray, []);
  } finally {
    await w.close();
  }
});

test('should coalesce a burst of saves and survive a symlink loop', async () => {
  const w = await watched((root) => fs.symlinkSync('..', path.join(root, 'content/post/loop')));
  try {
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(w.root, `content/post/p${i}.md`), String(i));
    await w.until('content/post/p29.md', 'the last of a burst');
    await w.quiet();
    for (let i = 0; i < 30; i++) assert.ok(w.seen().has(`content/post/p${i}.md`), `p${i}.md`);
    assert.ok(w.calls.length < 30, `${w.calls.length} reports for 30 saves`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('should watch folders, not files: a folder of 2,000 posts costs one watch (Linux)', async (t) => {
  if (process.platform !== 'linux') return t.skip('counts inotify watches in /proc');
  const inotifyWatches = () => {
    let count = 0;
    for (const fd of fs.readdirSync('/proc/self/fdinfo')) {
      let info = '';
      try {
        info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
      } catch {
        // Closed meanwhile.
      }
      count += (info.match(/^inotify wd:/gm) ?? []).length;
    }
    return count;
  };
  const before = inotifyWatches();
  const w = await watched((root) => {
    for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(root, `content/post/p${i}.md`), 'x');
  });
  try {
    // root, content, content/post: 3 (the output and other root files are not watched).
    assert.equal(inotifyWatches() - before, 3);
  } finally {
    await w.close();
  }
});
