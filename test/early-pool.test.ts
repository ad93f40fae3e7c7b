/**
 * A build that renders every post (nothing cached) starts its render workers
 * before the theme is compiled and the front matter read; they wait for the
 * rest of their setup. A build with results cached starts none before it
 * needs one, and no build leaves a worker running.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { VFile } from 'vfile';
import { build } from '../src/build.js';
import { loadConfig } from '../src/config.js';
import { readPostMeta } from '../src/model/post.js';
import { createPostPool, type PostPool } from '../src/render/pool.js';
import { defaultTemplatesDir } from '../src/render/templates.js';
import { formatReport } from '../src/report.js';
import { makeSite, snapshot } from './helpers/site.js';

const post = (i: number) => `---\ntitle: Talk ${i}\ndate: 2024-02-${String(i + 1).padStart(2, '0')}\ntags: [Istio]\n---\n\nHost: Welcome to talk ${i}.\n\n\`\`\`go\nfunc main() {}\n\`\`\`\n`;
const posts = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`content/post/talk-${i}.md`, post(i)]));

test('should take tasks in a pool started early only once it is set up', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-early-pool-'));
  const staging = path.join(root, 'staging');
  fs.mkdirSync(path.join(root, 'content'));
  fs.mkdirSync(staging);
  const { config } = await loadConfig(root);
  const file = new VFile({ path: 'content/post/a.md', value: post(1) });
  const meta = readPostMeta(file, 'post/a.md', config)!;
  const early = { root, overrides: {}, templatesDir: defaultTemplatesDir, contentDir: path.join(root, 'content'), deferred: true as const };
  const running = createPostPool(early, { threads: 1, budget: 120_000 });
  const unused = createPostPool(early, { threads: 1, budget: 120_000 });
  try {
    let done = false;
    const result = running.run({ post: meta, text: post(1) }).then((output) => {
      done = true;
      return output;
    });
    // Long enough for a worker to load its code (from source: a few seconds) and render, had it not waited.
    await sleep(4000);
    assert.equal(done, false, 'no task before the setup');
    assert.equal(fs.readdirSync(staging).length, 0);
    running.setup({ stagingDir: staging, pages: [] });
    assert.deepEqual((await result).files, ['post/a/index.html']);
    assert.match(fs.readFileSync(path.join(staging, 'post/a/index.html'), 'utf8'), /Welcome to talk 1/);
    // Set up once: a second setup changes nothing.
    running.setup({ stagingDir: path.join(root, 'elsewhere'), pages: [] });
    assert.deepEqual((await running.run({ post: meta, text: post(1) })).files, ['post/a/index.html']);
    assert.equal(fs.existsSync(path.join(root, 'elsewhere')), false);
    // Never set up: it closes all the same.
    assert.equal(unused.workers, 1);
    await unused.close();
    assert.equal(unused.workers, 0);
  } finally {
    await running.close();
    await unused.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should start the workers of a cold build early, none early in a cached rebuild, and leave none running', { timeout: 120_000 }, async () => {
  const root = makeSite(posts(3));
  try {
    const cold: { pool?: PostPool } = {};
    const first = await build({ root, threads: 1, search: false }, { started: cold });
    assert.equal(first.ok, true, formatReport(first.files));
    assert.ok(cold.pool, 'started early');
    assert.equal(cold.pool.workers, 0, 'closed');
    const out = snapshot(path.join(root, 'public'));

    // The same pages as a build in this thread.
    const inThread = await build({ root, out: path.join(root, 'in-thread'), threads: 0, search: false, cache: false });
    assert.equal(inThread.ok, true);
    assert.deepEqual(snapshot(path.join(root, 'in-thread')), out);

    // Results cached: no worker before one is needed (none here: nothing changed).
    const warm: { pool?: PostPool } = {};
    assert.equal((await build({ root, threads: 1, search: false }, { started: warm })).ok, true);
    assert.equal(warm.pool, undefined);

    // The theme fails after the workers started: they are closed all the same.
    fs.mkdirSync(path.join(root, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(root, 'templates/post.tsx'), 'export default function Post( {\n');
    const broken: { pool?: PostPool } = {};
    const failed = await build({ root, threads: 1, search: false, cache: false }, { started: broken });
    assert.equal(failed.ok, false);
    assert.ok(broken.pool, 'started before the theme failed');
    assert.equal(broken.pool.workers, 0, 'closed');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
