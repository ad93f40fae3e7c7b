import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { loadConfig } from '../src/config.js';
import { readPostMeta } from '../src/model/post.js';
import * as pool from '../src/render/pool.js';
import { defaultTemplatesDir } from '../src/render/templates.js';
import type { PostTask } from '../src/render/task.js';

const { createPostPool } = pool;

/** A site folder with no files but its content folder, and a task for `text` as `post/NAME.md`. */
async function site(posts: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-pool-'));
  const staging = path.join(root, 'staging');
  fs.mkdirSync(path.join(root, 'content'));
  fs.mkdirSync(staging);
  const { config } = await loadConfig(root);
  const tasks: Record<string, PostTask> = {};
  for (const [name, text] of Object.entries(posts)) {
    const file = new VFile({ path: `content/post/${name}.md`, value: text });
    const post = readPostMeta(file, `post/${name}.md`, config);
    assert.ok(post, String(file.messages));
    tasks[name] = { post, text };
  }
  const init = { root, overrides: {}, templatesDir: defaultTemplatesDir, stagingDir: staging, contentDir: path.join(root, 'content'), pages: [] };
  return { root, staging, init, tasks };
}

test('should expose createPostPool', () => {
  assert.deepEqual(Object.keys(pool).sort(), ['createPostPool', 'hugeSite', 'largeSite', 'withoutRefused', 'workerEntry', 'youngGenerationMb']);
});

test('should give the workers of a large site a young generation of 8 MB semi-spaces, and 16 MB below and past that range', () => {
  // Semi-spaces are a third of the young generation, rounded down to a power of two.
  assert.equal(pool.youngGenerationMb(0), 48);
  assert.equal(pool.youngGenerationMb(pool.largeSite), 48);
  assert.equal(pool.youngGenerationMb(pool.largeSite + 1), 24);
  assert.equal(pool.youngGenerationMb(10_000), 24);
  assert.equal(pool.youngGenerationMb(pool.hugeSite), 24);
  assert.equal(pool.youngGenerationMb(pool.hugeSite + 1), 48);
  assert.equal(pool.youngGenerationMb(50_000), 48);
});

test('should fail a post that fills a worker heap with its own message, and go on with the next post', async () => {
  // About 2.4 MB of Markdown: its trees need far more than the 64 MB the workers get here.
  const huge = '---\ntitle: Huge\ndate: 2024-01-02\n---\n\n' + 'Some *words* and [a link](https://example.com/x) in a line.\n\n'.repeat(40_000);
  const { root, staging, init, tasks } = await site({ huge, small: '---\ntitle: Small\ndate: 2024-01-03\n---\n\nHello.\n' });
  const running = createPostPool(init, { threads: 1, budget: 120_000, heapMb: 64 });
  try {
    const [over, fine] = await Promise.all([running.run(tasks.huge!), running.run(tasks.small!)]);
    assert.deepEqual(
      over.messages.map((m) => [m.ruleId, m.fatal, m.place?.start.line]),
      [['memory-budget', true, 1]],
    );
    assert.match(over.messages[0]!.reason, /^Unexpected memory use over 64 MB, expected a post to build in less/);
    assert.equal(over.files, undefined);
    assert.deepEqual(fine.files, ['post/small/index.html']);
    assert.match(fs.readFileSync(path.join(staging, 'post/small/index.html'), 'utf8'), /<h1 class="post-title p-name">Small<\/h1>/);
  } finally {
    await running.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
