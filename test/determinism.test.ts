/**
 * Deterministic: the same input gives byte-identical output, whatever order
 * the file system lists it in, and a build never modifies its content folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { repo, snapshot } from './helpers/site.js';

const now = new Date('2025-06-01T00:00:00Z');

/** The example site's content plus posts that tie on date and share terms (order-sensitive cases). */
function inputs(): Array<[string, Buffer]> {
  const files: Array<[string, Buffer]> = [];
  const add = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      files.push([path.join(prefix, path.relative(dir, full)), fs.readFileSync(full)]);
    }
  };
  add(path.join(repo, 'content'), 'content');
  if (fs.existsSync(path.join(repo, 'static'))) add(path.join(repo, 'static'), 'static');
  for (let i = 0; i < 12; i++) {
    const tags = ['Istio', 'istio', 'Envoy', '服务网格'].slice(i % 3, (i % 3) + 2);
    const post = `---\ntitle: Tie ${i}\ndate: 2024-04-01\ntags: ${JSON.stringify(tags)}\ncategories: [Tech]\n---\n\nSame day, post ${i}. {{< youtube JtD5wL5WABI >}}\n`;
    files.push([`content/post/tie-${String.fromCharCode(97 + ((i * 7) % 12))}.md`, Buffer.from(post)]);
  }
  return files;
}

/** Writes `files` into a new site folder in the given order (creation order drives readdir order on most file systems). */
function writeSite(files: Array<[string, Buffer]>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-det-'));
  for (const [name, data] of files) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), data);
  }
  return root;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

test('should build byte-identical output whatever the file-system order, and leave the content folder as it was', async () => {
  const files = inputs();
  const forward = writeSite([...files].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  const backward = writeSite([...files].sort((a, b) => (a[0] < b[0] ? 1 : -1)));
  const random = writeSite(shuffled(files, 20231116));
  const contentBefore = snapshot(path.join(forward, 'content'));
  const outputs: Array<Map<string, string>> = [];
  for (const [root, threads] of [[forward, 0], [backward, 2], [random, 0]] as const) {
    const result = await build({ root, threads }, { now });
    assert.equal(result.ok, true, formatReport(result.files));
    outputs.push(snapshot(path.join(root, 'public')));
  }
  assert.ok(outputs[0].size > 50, `files: ${outputs[0].size}`);
  for (const other of outputs.slice(1)) {
    const differing = [...new Set([...outputs[0].keys(), ...other.keys()])].filter((k) => outputs[0].get(k) !== other.get(k));
    assert.deepEqual(differing, [], 'files that differ between builds');
  }
  assert.deepEqual(snapshot(path.join(forward, 'content')), contentBefore, 'the content folder is untouched');
});

test('should build byte-identical output twice in a row in one folder', async () => {
  const root = writeSite(inputs());
  const first = await build({ root, search: false }, { now });
  assert.equal(first.ok, true, formatReport(first.files));
  const a = snapshot(path.join(root, 'public'));
  const second = await build({ root, search: false }, { now });
  assert.equal(second.ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), a);
});
