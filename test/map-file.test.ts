/** Maps saved a chunk at a time (`results.bin`, `matter.bin`): round trip, chunking, and files that must read as missing. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import v8 from 'node:v8';
import { loadMap, saveMap } from '../src/util/map-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-map-file-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Chunks in a saved file: walks its length prefixes. */
function chunkCount(file: string): number {
  const data = fs.readFileSync(file);
  let count = 0;
  for (let at = 'onair-map1'.length; at < data.length; at += 4 + data.readUInt32LE(at)) count++;
  return count;
}

test('should save a map a chunk of 1,000 entries at a time and read it back equal, in order', async () => {
  const file = path.join(dir, 'big.bin');
  const map = new Map<string, unknown>();
  for (let i = 0; i < 2500; i++) map.set(`key-${i}`, { title: `Post ${i} 中文`, date: new Date(Date.UTC(2024, 0, 1 + (i % 28))), tags: ['a', 'b'], nested: { n: i, none: undefined } });
  await saveMap(file, map);
  assert.equal(chunkCount(file), 3);
  const back = await loadMap(file);
  assert.deepEqual(back, map);
  assert.deepEqual([...back!.keys()].slice(0, 3), ['key-0', 'key-1', 'key-2']);
  // Saved again smaller: the file is replaced whole.
  await saveMap(file, new Map([['only', 1]]));
  assert.deepEqual(await loadMap(file), new Map([['only', 1]]));
  await saveMap(file, new Map());
  assert.deepEqual(await loadMap(file), new Map());
});

test('should read a missing, foreign, old-format or cut-short file as missing', async () => {
  const file = path.join(dir, 'cut.bin');
  assert.equal(await loadMap(path.join(dir, 'none.bin')), undefined);
  fs.writeFileSync(file, 'not v8 data');
  assert.equal(await loadMap(file), undefined);
  // The format before chunks: one `v8.serialize` of the whole map.
  fs.writeFileSync(file, v8.serialize(new Map([['a', 1]])));
  assert.equal(await loadMap(file), undefined);
  const map = new Map(Array.from({ length: 1500 }, (_, i) => [i, 'x'.repeat(50)] as const));
  await saveMap(file, map);
  const whole = fs.readFileSync(file);
  for (const cut of [whole.length - 1, whole.length - 200, 12]) {
    fs.writeFileSync(file, whole.subarray(0, cut));
    assert.equal(await loadMap(file), undefined, `cut at ${cut} of ${whole.length}`);
  }
  // A chunk that is not an array of pairs.
  const bad = v8.serialize({ not: 'pairs' });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bad.length);
  fs.writeFileSync(file, Buffer.concat([Buffer.from('onair-map1'), length, bad]));
  assert.equal(await loadMap(file), undefined);
});
