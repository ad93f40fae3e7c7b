/**
 * A Map in a file, as a sequence of `v8.serialize`d chunks of entries
 * (`onair-map1`, then per chunk its byte length as uint32 LE and the
 * serialized array of its `[key, value]` pairs). Written and read a chunk at
 * a time: one `v8.serialize` of the whole map needed a buffer as large as
 * the file beside the heap (at 50,000 posts 82 MB for the front matter and
 * 55 MB for the results, at the end of the build, where its heap is largest).
 */
import fs from 'node:fs/promises';
import v8 from 'node:v8';
import { writeFileAtomic } from './atomic.js';

const magic = Buffer.from('onair-map1');
/** Entries per chunk: a chunk of front matter or post results is about 2 MB. */
const chunkEntries = 1000;

/** Writes `map` to `file` atomically (see the module's comment). */
export async function saveMap(file: string, map: ReadonlyMap<unknown, unknown>): Promise<void> {
  await writeFileAtomic(file, chunks(map));
}

function* chunks(map: ReadonlyMap<unknown, unknown>): Generator<Uint8Array> {
  yield magic;
  let batch: Array<[unknown, unknown]> = [];
  const flush = function* () {
    const data = v8.serialize(batch);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.length);
    yield length;
    yield data;
    batch = [];
  };
  for (const entry of map) {
    batch.push(entry);
    if (batch.length === chunkEntries) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

/** The map saved in `file`; undefined when it is missing, was not written by {@link saveMap} or is cut short. */
export async function loadMap(file: string): Promise<Map<unknown, unknown> | undefined> {
  const handle = await fs.open(file).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const head = Buffer.alloc(magic.length);
    if ((await handle.read(head, 0, head.length, 0)).bytesRead !== head.length || !head.equals(magic)) return undefined;
    const map = new Map<unknown, unknown>();
    const length = Buffer.alloc(4);
    for (let at = head.length; ; ) {
      const got = (await handle.read(length, 0, 4, at)).bytesRead;
      if (got === 0) return map;
      if (got !== 4) return undefined;
      const data = Buffer.allocUnsafe(length.readUInt32LE(0));
      if ((await handle.read(data, 0, data.length, at + 4)).bytesRead !== data.length) return undefined;
      const entries = v8.deserialize(data) as unknown;
      if (!Array.isArray(entries)) return undefined;
      for (const entry of entries as unknown[]) {
        if (!Array.isArray(entry) || entry.length !== 2) return undefined;
        map.set(entry[0], entry[1]);
      }
      at += 4 + data.length;
    }
  } catch {
    // Not deserializable (corrupt, another Node's format).
    return undefined;
  } finally {
    await handle.close();
  }
}
