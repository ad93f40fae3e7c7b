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
 *
 * A folder kept from an earlier dev session (`dev-folder.ts`) starts with
 * its files `inherited`: one is served, kept or carried over only once this
 * session's first build made it from the same key (`reuse`) or wrote it;
 * the others go when that build ends, failed or not.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { keyOf } from './manifest.js';
import { DirWriter } from './writer.js';

/** A file's identity on disk when last seen: `[size, mtimeMs, ino]`. */
export type FileStamp = [size: number, mtimeMs: number, ino: number];

/** One file of a dev output folder: the key it was made from, its content hash, its stamp when known, and whether an earlier session made it. */
export interface OutputEntry {
  key?: string;
  hash?: string;
  stamp?: FileStamp;
  inherited?: true;
}

/** What is on disk in a dev output folder, by output path (see {@link OutputEntry}). */
export type OutputState = Map<string, OutputEntry>;

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
      const { hash, stamp } = this.#state.get(file) ?? {};
      this.#state.set(file, { key, hash, stamp });
      return;
    }
    // Written by a render worker: new content, hash unknown.
    super.adopt(file);
    this.#state.set(file, { key });
    this.changed.add(file);
  }

  override async write(file: string, data: string | Uint8Array, key?: string): Promise<void> {
    const hash = createHash('sha256').update(data).digest('hex');
    const known = this.#state.get(file);
    if (known?.hash === hash) {
      // The file as it is: its stamp still holds.
      super.adopt(file);
      this.#state.set(file, { key, hash, stamp: known.stamp });
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
    const known = this.#state.get(file);
    if (known?.key !== key) return false;
    this.#confirm(file, known);
    return true;
  }

  override async reuseAll(prefix: string, key: string): Promise<boolean> {
    const files = [...this.#state].filter(([file]) => file.startsWith(prefix));
    if (files.length === 0 || files.some(([, entry]) => entry.key !== key)) return false;
    for (const [file, entry] of files) this.#confirm(file, entry);
    return true;
  }

  /** Takes `file` into this build as it is; made from the same key, an inherited file is this session's now. */
  #confirm(file: string, entry: OutputEntry): void {
    super.adopt(file);
    if (entry.inherited) this.#state.set(file, { key: entry.key, hash: entry.hash, stamp: entry.stamp });
  }

  /** Whether files of an earlier session are still unconfirmed (the first build of a kept folder). */
  get inheriting(): boolean {
    for (const entry of this.#state.values()) if (entry.inherited) return true;
    return false;
  }

  /** Leaves `file` out of this build (written early for a post the build then did not make): removed at commit. */
  forget(file: string): void {
    this.unrecord(file);
  }

  /** Keeps every file under the folder `prefix` as it is (made by an earlier build of this session). */
  keep(prefix: string): void {
    for (const [file, entry] of this.#state) if (file.startsWith(prefix) && !entry.inherited) super.adopt(file);
  }

  /** Keeps these files of an earlier build of this session as they are (the ones that exist); false when one of them is missing or of an earlier session. */
  keepFiles(files: readonly string[]): boolean {
    let all = true;
    for (const file of files) {
      const entry = this.#state.get(file);
      if (entry && !entry.inherited) super.adopt(file);
      else all = false;
    }
    return all;
  }

  /** Deletes the files of earlier builds that this one did not make. */
  override async commit(): Promise<void> {
    for (const file of [...this.#state.keys()]) if (!this.paths.has(file)) await this.#remove(file);
  }

  /** Keeps what was written (the state describes the disk), less the files of an earlier session this build did not make. */
  override async abort(): Promise<void> {
    for (const [file, entry] of [...this.#state]) if (entry.inherited && !this.paths.has(file)) await this.#remove(file);
  }

  async #remove(file: string): Promise<void> {
    await fs.rm(path.join(this.dir, ...file.split('/')), { force: true });
    this.#state.delete(file);
    this.changed.add(file);
  }
}
