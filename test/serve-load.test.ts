/**
 * The dev and preview servers under loopback load (`bench/serve-load.ts`):
 * 100 concurrent keep-alive clients for a bounded time (5 s each by default;
 * `ONAIR_LOAD_SECONDS=20` for the full soak) get every answer right, with no
 * connection error, and the server's heap after GC stays flat. Speeds are
 * printed as notes, never asserted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { runServeLoad, type LoadResult } from '../bench/serve-load.js';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { makeSite } from './helpers/site.js';

const seconds = Number(process.env.ONAIR_LOAD_SECONDS ?? 5);
/** Heap growth allowed between the end of the warm-up and the end of the run. */
const maxGrowth = 50 * 2 ** 20;
let out = '';

before(async () => {
  const post = (n: number) => `---\ntitle: Post ${n}\ndate: 2024-01-${String(n).padStart(2, '0')}\ntags: [load, t${n % 3}]\n---\n\nBody of post ${n} with *emphasis* and a [link](/).\n`;
  const files: Record<string, string> = {};
  for (let n = 1; n <= 12; n++) files[`content/post/p${n}.md`] = post(n);
  const root = makeSite(files);
  out = path.join(root, 'public');
  const result = await build({ root, out, search: false, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.ok(fs.existsSync(path.join(out, 'assets/style.css')));
});

function check(mode: string, result: LoadResult): void {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const { samples } = result;
  // The first samples are taken before the load and during warm-up (JIT, caches, keep-alive sockets).
  const warm = samples[Math.min(2, samples.length - 1)]!;
  const last = samples.at(-1)!;
  const peak = Math.max(...samples.slice(2).map((s) => s.heapUsed));
  console.log(
    `# note: ${mode}: ${result.requests} requests in ${result.seconds.toFixed(1)} s (${Math.round(result.requests / result.seconds)}/s), ` +
      `heap after GC ${samples.map((s) => mb(s.heapUsed)).join(' → ')} MB, rss ${mb(last.rss)} MB`,
  );
  assert.equal(result.errors, 0, 'connection errors');
  assert.deepEqual([...result.unexpected], [], 'every response has its expected status');
  assert.ok(result.requests >= 1000, `requests: ${result.requests}`);
  assert.ok(samples.length >= 5, `memory samples: ${samples.length}`);
  assert.ok(peak - warm.heapUsed < maxGrowth, `heap grew from ${mb(warm.heapUsed)} MB to ${mb(peak)} MB`);
  assert.ok(last.heapUsed - warm.heapUsed < maxGrowth, `heap grew from ${mb(warm.heapUsed)} MB to ${mb(last.heapUsed)} MB`);
}

test(`should serve 100 concurrent clients for ${seconds} s in dev mode with no error and flat memory`, { timeout: (seconds + 60) * 1000 }, async () => {
  check('dev', await runServeLoad({ dir: out, seconds, clients: 100, mode: 'dev' }));
});

test(`should serve 100 concurrent clients for ${seconds} s in preview mode with no error and flat memory`, { timeout: (seconds + 60) * 1000 }, async () => {
  check('preview', await runServeLoad({ dir: out, seconds, clients: 100, mode: 'preview' }));
});
