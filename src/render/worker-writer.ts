/**
 * The render workers' writer: a `DirWriter` whose writes are synchronous.
 * A worker has nothing else to do while its page is written, and the async
 * calls each took a round trip through libuv's thread pool (mkdir, open,
 * write, close, rename), which on a loaded machine left the worker idle for
 * a good part of each post.
 */
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { DirWriter } from '../output/writer.js';

let tempCount = 0;

/** Writes into `dir` synchronously, with the same steps as `DirWriter` (folder made once, temp file renamed into place). */
export class SyncDirWriter extends DirWriter {
  readonly #dirs = new Set<string>();

  override async write(file: string, data: string | Uint8Array, _key?: string): Promise<void> {
    // Checks the path and records it, as `DirWriter.write` does.
    this.adopt(file);
    const target = path.join(this.dir, ...file.split('/'));
    const dir = path.dirname(target);
    if (!this.#dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    // Beside its place and renamed into it: a hard link to the previous output is replaced, never written through.
    const temp = `${target}.${process.pid}-${threadId}-s${++tempCount}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, target);
  }
}
