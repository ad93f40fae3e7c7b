/**
 * The output manifest is written a piece at a time: the text is exactly the
 * JSON of the whole record, and reads back as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOutputRecord, writeManifest, type ManifestEntry } from '../src/output/manifest.js';

test('should write the manifest in pieces as the JSON of the whole record, sorted, and read it back', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-manifest-'));
  const entries = new Map<string, ManifestEntry>();
  // More than two pieces, names out of order, Chinese, quotes and backslashes that JSON escapes.
  for (let i = 2500; i > 0; i--) entries.set(`post/${i % 3 === 0 ? '云原生' : 'p'}-${i}/index.html`, [`k${i}`, i * 10, 1700000000000.5 + i, 1000 + i]);
  entries.set('tags/"q"\\b/index.html', ['kq', 1, 2, 3]);
  const paths = [...entries.keys(), 'pagefind/x.pf_meta', 'assets/style.css'].reverse();
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const withPaths of [true, false]) {
    const file = path.join(dir, `m-${withPaths}.json`);
    await writeManifest(file, entries, withPaths ? paths : undefined);
    const whole = withPaths ? { version: 1, files: Object.fromEntries(sorted), paths: [...paths].sort() } : { version: 1, files: Object.fromEntries(sorted) };
    assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(whole));
    const record = await readOutputRecord(file);
    assert.deepEqual([...record.files], sorted);
    assert.deepEqual(record.paths, withPaths ? [...paths].sort() : undefined);
  }
  // An empty output.
  await writeManifest(path.join(dir, 'empty.json'), new Map(), []);
  assert.equal(fs.readFileSync(path.join(dir, 'empty.json'), 'utf8'), '{"version":1,"files":{},"paths":[]}');
  fs.rmSync(dir, { recursive: true, force: true });
});
