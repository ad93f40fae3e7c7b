/**
 * The writer of `onair dev`: straight into the folder being served, and only
 * what changed. Across builds it remembers the key and content hash of every
 * file it made (`OutputState`): a file made from the same key is not made
 * again, new content that hashes the same is not written, and at commit the
 * files no build makes any more are deleted. `changed` lists what a build
 * changed, so only the tabs showing those pages reload. Each file is written
 * beside its place and renamed in, so the server never sends half a page.
 * A failed build keeps what it wrote (the pages that rendered fine) and the
 * state stays true to the disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { keyOf } from './manifest.js';
import { DirWriter } from './writer.js';

/** What is on disk in a dev output folder, by output path: what it was made from and its content hash. */
export type OutputState = Map<string, { key?: string; hash?: string }>;

/** One build's writer into a dev output folder whose `state` outlives it. */
export class InPlaceWriter extends DirWriter {
  readonly #state: OutputState;
  /** Output paths this build changed (written with new content, or deleted). */
  readonly changed = new Set<string>();

  constructor(dir: string, state: OutputState) {
    super(dir);
    this.#state = state;
  }

  override adopt(file: string, key?: string): void {
    if (this.paths.has(file)) {
      // Written through this writer in this build: only the key is news.
      this.#state.set(file, { ...this.#state.get(file), key });
      return;
    }
    // Written by a render worker: new content, hash unknown.
    super.adopt(file);
    this.#state.set(file, { key });
    this.changed.add(file);
  }

  override async write(file: string, data: string | Uint8Array, key?: string): Promise<void> {
    const hash = createHash('sha256').update(data).digest('hex');
    if (this.#state.get(file)?.hash === hash) {
      super.adopt(file);
      this.#state.set(file, { key, hash });
      return;
    }
    await super.write(file, data);
    this.#state.set(file, { key, hash });
    this.changed.add(file);
  }

  override async copy(from: string, to: string): Promise<void> {
    const stats = await fs.stat(from);
    const key = keyOf('copy', from, String(stats.size), String(stats.mtimeMs));
    if (await this.reuse(to, key)) return;
    await super.copy(from, to);
    this.#state.set(to, { key });
    this.changed.add(to);
  }

  override async reuse(file: string, key: string): Promise<boolean> {
    if (this.#state.get(file)?.key !== key) return false;
    super.adopt(file);
    return true;
  }

  override async reuseAll(prefix: string, key: string): Promise<boolean> {
    const files = [...this.#state].filter(([file]) => file.startsWith(prefix));
    if (files.length === 0 || files.some(([, entry]) => entry.key !== key)) return false;
    for (const [file] of files) super.adopt(file);
    return true;
  }

  /** Leaves `file` out of this build (written early for a post the build then did not make): removed at commit. */
  forget(file: string): void {
    this.unrecord(file);
  }

  /** Keeps every file under the folder `prefix` as it is (made by an earlier build). */
  keep(prefix: string): void {
    for (const file of this.#state.keys()) if (file.startsWith(prefix)) super.adopt(file);
  }

  /** Keeps these files of an earlier build as they are (the ones that exist). */
  keepFiles(files: readonly string[]): void {
    for (const file of files) if (this.#state.has(file)) super.adopt(file);
  }

  /** Deletes the files of earlier builds that this one did not make. */
  override async commit(): Promise<void> {
    for (const file of [...this.#state.keys()]) {
      if (this.paths.has(file)) continue;
      await fs.rm(path.join(this.dir, ...file.split('/')), { force: true });
      this.#state.delete(file);
      this.changed.add(file);
    }
  }

  /** Keeps what was written: the state describes the disk. */
  override async abort(): Promise<void> {}
}
