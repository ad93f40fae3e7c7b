/**
 * The early render of `onair dev` (`src/render/early.ts`), through `build()`
 * as the dev loop drives it: a saved post that keeps its place is written and
 * reported before the model is made; a guess the full build disagrees with is
 * rendered again and reported again; every rebuild ends byte-identical to a
 * build from scratch.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build, type BuildInternals } from '../src/build.js';
import { PostReader } from '../src/model/post-reader.js';
import { InPlaceWriter, type OutputState } from '../src/output/in-place.js';
import { PoolKeeper } from '../src/render/pool-keeper.js';
import type { PostResult } from '../src/render/task.js';
import type { BuildResult } from '../src/types.js';
import { formatReport } from '../src/report.js';

const fixture = path.join(import.meta.dirname, 'fixtures/serve/site');
const now = new Date('2025-01-01T00:00:00Z');

/** A dev-like session on a copy of the fixture site: state kept across builds as `onair dev` keeps it. */
function session(threads?: number) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-early-'));
  fs.cpSync(fixture, root, { recursive: true });
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  const outputs: OutputState = new Map();
  const pools = new PoolKeeper();
  const internals = { pools, results: new Map<string, PostResult>(), reader: new PostReader(), plan: {} as NonNullable<BuildInternals['plan']> };
  return {
    root,
    out,
    pools,
    file: (name: string) => path.join(root, 'content/post', name),
    /** One rebuild after `saved` files changed; returns the result and what `onPosts` was told, call by call. */
    async rebuild(saved?: string[], onPosts?: () => void): Promise<{ result: BuildResult; calls: string[][] }> {
      const calls: string[][] = [];
      const unchanged = saved && ((file: string) => !saved.includes(file));
      const result = await build(
        { root, out, search: false, cache: false, threads },
        { ...internals, now, writer: new InPlaceWriter(out, outputs), unchanged, onPosts: (changed) => void (calls.push(changed), onPosts?.()) },
      );
      assert.ok(result.ok, 'the build succeeds');
      return { result, calls };
    },
    async close() {
      await pools.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Counts the render pools the kept-pool keeper creates (until `restore`). */
function countPools(): { readonly created: number; restore(): void } {
  const original = PoolKeeper.prototype.get;
  const counter = { created: 0, restore: () => void (PoolKeeper.prototype.get = original) };
  PoolKeeper.prototype.get = function (key, create) {
    return original.call(this, key, () => (counter.created++, create()));
  };
  return counter;
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name), 'latin1'));
  }
  return files;
}

/** The output of a build of `root` from scratch (no state carried over). */
async function fromScratch(root: string): Promise<Map<string, string>> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-early-cold-'));
  try {
    const result = await build({ root, out, search: false, cache: false }, { now, writer: new InPlaceWriter(out, new Map()) });
    assert.ok(result.ok);
    return snapshot(out);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

for (const threads of [0, 1]) {
  const where = threads === 0 ? 'in the build thread' : 'on a render worker';
  test(`should write a saved post that keeps its place before the model is made, once, ${where}`, async () => {
    const site = session(threads);
    try {
      await site.rebuild();
      const first = site.file('first.md');
      fs.appendFileSync(first, '\nA closing line written in dev.\n');
      const { result, calls } = await site.rebuild([first]);
      assert.ok(result.timings?.['early render'] !== undefined, `rendered early: ${JSON.stringify(result.timings ?? {})}`);
      assert.deepEqual(calls, [['post/first/index.html']], 'reported once, before the model, with the post alone');
      assert.match(fs.readFileSync(path.join(site.out, 'post/first/index.html'), 'utf8'), /A closing line written in dev/);
      assert.deepEqual(snapshot(site.out), await fromScratch(site.root), 'the same output as a build from scratch');
    } finally {
      await site.close();
    }
  });
}

test('should render a saved post again, and report it again, when the full build disagrees with the early guess', async () => {
  const site = session();
  try {
    await site.rebuild();
    const first = site.file('first.md');
    const added = site.file('third.md');
    fs.appendFileSync(first, '\nEdited while a new post was added.\n');
    // The new post becomes its older neighbour (a new prev link), which the early render cannot know: it only reads the saved files.
    fs.writeFileSync(added, '---\ntitle: "Third post"\ndate: 2023-06-01\n---\n\nThe third.\n');
    const { result, calls } = await site.rebuild([first, added]);
    assert.ok(result.timings?.['early render'] !== undefined, 'the guess was made');
    assert.equal(calls.length, 2, `reported twice: ${JSON.stringify(calls)}`);
    assert.deepEqual(calls[0], ['post/first/index.html']);
    assert.ok(calls[1]!.includes('post/first/index.html'), 'the page made again is reported again');
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root), 'the same output as a build from scratch');
  } finally {
    await site.close();
  }
});

test('should not guess for a post that moves, a changed config, or a new post', async () => {
  const site = session();
  try {
    await site.rebuild();
    const first = site.file('first.md');
    // A new date moves it past its neighbour: its prev/next change.
    fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace('date: 2024-01-02', 'date: 2024-06-01'));
    let { result, calls } = await site.rebuild([first]);
    assert.equal(result.timings?.['early render'], undefined, 'a moved post is left to the full build');
    assert.equal(calls.length, 1);
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root));

    const config = path.join(site.root, 'onair.yaml');
    fs.appendFileSync(config, 'description: Changed\n');
    fs.appendFileSync(first, '\nMore.\n');
    ({ result } = await site.rebuild([first, config]));
    assert.equal(result.timings?.['early render'], undefined, 'another config voids the plan');

    const added = site.file('fourth.md');
    fs.writeFileSync(added, '---\ntitle: "Fourth"\ndate: 2024-05-01\n---\n\nNew.\n');
    ({ result } = await site.rebuild([added]));
    assert.equal(result.timings?.['early render'], undefined, 'a post the last build did not know');
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root));
  } finally {
    await site.close();
  }
});

test('should remove a page written early when its post is gone before the full build reads it', async () => {
  const site = session();
  try {
    await site.rebuild();
    const first = site.file('first.md');
    fs.appendFileSync(first, '\nSaved, then deleted.\n');
    // Deleted while the tab reloads: the full build no longer has the post.
    const { result, calls } = await site.rebuild([first], () => fs.rmSync(first, { force: true }));
    assert.ok(result.timings?.['early render'] !== undefined);
    assert.deepEqual(calls[0], ['post/first/index.html']);
    assert.equal(fs.existsSync(path.join(site.out, 'post/first/index.html')), false, 'the early page is removed at commit');
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root));

    // A deleted post is never rendered early.
    const second = site.file('second.md');
    fs.rmSync(second);
    const again = await site.rebuild([second]);
    assert.equal(again.result.timings?.['early render'], undefined);
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root));
  } finally {
    await site.close();
  }
});

test('should keep the render workers when a post is added, and give them the new page for `ref`', async () => {
  const site = session(1);
  const pools = countPools();
  try {
    await site.rebuild();
    assert.equal(pools.created, 1);
    const added = site.file('linked.md');
    const second = site.file('second.md');
    fs.writeFileSync(added, '---\ntitle: "Linked"\ndate: 2023-01-01\n---\n\nNew.\n');
    fs.appendFileSync(second, '\nSee [the new one]({{< ref "linked.md" >}}).\n');
    const { result } = await site.rebuild([added, second]);
    assert.equal(pools.created, 1, `the same workers (${formatReport(result.files)})`);
    assert.match(fs.readFileSync(path.join(site.out, 'post/second/index.html'), 'utf8'), /href="\/post\/linked\/"/);
    assert.deepEqual(snapshot(site.out), await fromScratch(site.root));
  } finally {
    pools.restore();
    await site.close();
  }
});

test('should start the kept render workers after a build that rendered nothing, for the first edit of a warm start', async () => {
  const site = session(1);
  const pools = countPools();
  try {
    await site.rebuild();
    assert.equal(pools.created, 1);
    // A new session (the workers gone) whose posts are all reused: nothing to render, the workers start anyway.
    await site.pools.reset();
    await site.rebuild();
    assert.equal(pools.created, 2, 'the workers start at the end of a build that rendered nothing');
    // The first edit renders on them.
    const second = site.file('second.md');
    fs.appendFileSync(second, '\nEdited.\n');
    const { result } = await site.rebuild([second]);
    assert.equal(pools.created, 2, `the same workers (${formatReport(result.files)})`);
    assert.ok(result.timings?.['early render'] !== undefined, 'the edited post rendered early');
  } finally {
    pools.restore();
    await site.close();
  }
});
