/**
 * Nothing is lost: a build killed with `kill -9` at random moments leaves the
 * previous output byte-identical (or, killed between the two renames of the
 * swap, recovered by the next build), and never touches the content folder.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { repo, snapshot } from './helpers/site.js';

const kills = Number(process.env.CRASH_KILLS ?? 5);

/** One hash over every file (path and bytes) under `dir`. */
function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const [file, data] of [...snapshot(dir)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(`${file}\0${data}\0`);
  return hash.digest('hex');
}

test(`should keep the previous output byte-identical when a build is killed (${kills} kill -9)`, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-crash-'));
  const gen = spawnSync(process.execPath, ['/work/shared/bench/gen-corpus.mjs', path.join(root, 'content/post'), '300'], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const script = path.join(root, 'build.mjs');
  const index = path.join(repo, 'src/index.ts');
  fs.writeFileSync(script, `import { build } from ${JSON.stringify(index)};\nconst r = await build({ root: ${JSON.stringify(root)}, search: false, cache: false });\nprocess.stdout.write(r.ok ? 'ok' : 'failed');\n`);
  const run = () => spawn(process.execPath, ['--import', 'tsx', script], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const finish = (child: ReturnType<typeof run>) =>
    new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      child.on('exit', (code, signal) => resolve({ code, signal, out }));
    });

  const started = performance.now();
  const first = await finish(run());
  const full = performance.now() - started;
  assert.equal(first.out, 'ok', first.out);
  console.log(`# note: a full build of 300 posts in a child process: ${Math.round(full)} ms`);
  const out = path.join(root, 'public');
  const before = hashTree(out);
  const content = hashTree(path.join(root, 'content'));
  // Edit a post so a finished build would change the output: a kill must not let any of it through.
  fs.appendFileSync(path.join(root, 'content/post/post-00001.md'), '\nAn edit.\n');
  const edited = hashTree(path.join(root, 'content'));

  const outcomes: string[] = [];
  const swapped: Array<{ at: number; hash: string }> = [];
  for (let i = 0; i < kills; i++) {
    const child = run();
    const done = finish(child);
    // Spread the kills over the whole build, start-up included.
    const at = Math.round(((i + Math.random()) / kills) * full);
    const timer = setTimeout(() => child.kill('SIGKILL'), at);
    const result = await done;
    clearTimeout(timer);
    if (result.signal !== 'SIGKILL') {
      // The build finished before the kill: that output is the new previous output.
      assert.equal(result.out, 'ok', result.out);
      outcomes.push(`${at} ms: finished`);
      continue;
    }
    if (fs.existsSync(out)) {
      const now = hashTree(out);
      if (now !== before) {
        // Killed after the swap, on the way out: the output must be the whole new build (checked below).
        swapped.push({ at, hash: now });
        outcomes.push(`${at} ms: killed after the swap`);
      } else outcomes.push(`${at} ms: killed, output intact`);
    } else {
      // Killed between the two renames of the swap: the old output waits, retired, for the next build.
      const retired = fs.readdirSync(root).filter((n) => n.startsWith('.onair-retired-public-'));
      assert.equal(retired.length, 1, `killed at ${at} ms: no output and no retired output`);
      assert.equal(hashTree(path.join(root, retired[0])), before);
      outcomes.push(`${at} ms: killed mid-swap, retired output intact`);
    }
    assert.equal(hashTree(path.join(root, 'content')), edited, 'the content folder is untouched');
  }
  console.log(`# note: ${outcomes.join('; ')}`);
  // A finished kill-free build recovers, cleans up staging folders, and shows the edit.
  const last = await build({ root, search: false, cache: false });
  assert.equal(last.ok, true, formatReport(last.files));
  assert.notEqual(hashTree(out), before);
  for (const kill of swapped) assert.equal(kill.hash, hashTree(out), `killed at ${kill.at} ms: a partial output was swapped in`);
  assert.match(fs.readFileSync(path.join(out, 'post/post-00001/index.html'), 'utf8'), /An edit\./);
  assert.deepEqual(fs.readdirSync(root).filter((n) => n.startsWith('.onair-') && n !== '.onair-cache'), []);
  assert.equal(hashTree(path.join(root, 'content')), edited);
  assert.notEqual(content, edited);
});

test('should recover the previous output of a build killed between the two renames of the swap', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-crash-'));
  fs.mkdirSync(path.join(root, 'content/post'), { recursive: true });
  fs.writeFileSync(path.join(root, 'content/post/a.md'), '---\ntitle: A\ndate: 2024-01-02\n---\n\nA.\n');
  assert.equal((await build({ root, search: false })).ok, true);
  const before = hashTree(path.join(root, 'public'));
  // The state a kill leaves right after `rename(public, retired)`: a staging folder, a retired output, no output.
  fs.renameSync(path.join(root, 'public'), path.join(root, '.onair-retired-public-12345'));
  fs.mkdirSync(path.join(root, '.onair-staging-public-abc/post'), { recursive: true });
  fs.writeFileSync(path.join(root, '.onair-staging-public-abc/post/half.html'), 'half');
  // The next build fails (bad front matter): the previous output is back, untouched.
  fs.writeFileSync(path.join(root, 'content/post/a.md'), '---\ntitle: [A\n---\n');
  const failed = await build({ root, search: false });
  assert.equal(failed.ok, false);
  assert.equal(hashTree(path.join(root, 'public')), before);
  assert.deepEqual(fs.readdirSync(root).filter((n) => n.startsWith('.onair-') && n !== '.onair-cache'), []);
});
