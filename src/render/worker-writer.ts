/**
 * The render workers' writer: a `DirWriter` whose writes are synchronous.
 * A worker has nothing else to do while its page is written, and the async
 * calls each took a round trip through libuv's thread pool (mkdir, open,
 * write, close, rename), which on a loaded machine left the worker idle for
 * a good part of each post.
 */
import path from 'node:path';
import { writeFileAtomicSync } from '../util/atomic.js';
import { DirWriter, isOutputClash } from '../output/writer.js';

/** Writes into `dir` synchronously, with the same steps as `DirWriter` (folder made once, temp file renamed into place). */
export class SyncDirWriter extends DirWriter {
  override async write(file: string, data: string | Uint8Array, _key?: string): Promise<void> {
    // Checks the path and records it, as `DirWriter.write` does.
    this.adopt(file);
    // Beside its place and renamed into it: a hard link to the previous output is replaced, never written through.
    try {
      writeFileAtomicSync(path.join(this.dir, ...file.split('/')), data);
    } catch (error) {
      // Already a fatal route message: the staging folder this page goes to is dropped.
      if (!isOutputClash(error)) throw error;
      this.clashes.add(file);
    }
  }

  /** Pages not written because another output holds their place (see `isOutputClash`). */
  readonly clashes = new Set<string>();
}
