/**
 * Where a build's files go. The build only talks to a `Writer`: `FsWriter`
 * (`staged-writer.ts`) stages and swaps the output into place, `InPlaceWriter`
 * (`in-place.ts`) updates the dev server's folder, `DirWriter` writes into a
 * folder (render workers) and `MemoryWriter` keeps files in memory (tests).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Sink for a build's output files. Paths are relative, POSIX, inside the output. */
export interface Writer {
  /** Writes one file; `key` names everything it was made from (for the next build's `reuse`). */
  write(file: string, data: string | Uint8Array, key?: string): Promise<void>;
  /** Copies a file from disk (absolute `from`) to `to` in the output. */
  copy(from: string, to: string): Promise<void>;
  /**
   * Carries `file` over from the previous output when it was made from the
   * same `key` and is untouched since; resolves to false when it must be made.
   */
  reuse(file: string, key: string): Promise<boolean>;
  /** Like `reuse`, for every file under the folder `prefix` (`pagefind/`): all or none. */
  reuseAll(prefix: string, key: string): Promise<boolean>;
  /** Records a file written in this build by another thread, made from `key`. */
  adopt(file: string, key?: string): void;
  /** Reads back a file written in this build. */
  read(file: string): Promise<Uint8Array>;
  /** Makes the output visible (swap into place). */
  commit(): Promise<void>;
  /** Drops everything written; the previous output stays. */
  abort(): Promise<void>;
  /** Every path written so far. */
  readonly paths: ReadonlySet<string>;
}

/**
 * Checks an output path. The model neutralises paths from content before they
 * get here, so a bad path is a programmer error.
 */
export function assertOutputPath(file: string): void {
  const bad =
    file === '' ||
    file.startsWith('/') ||
    file.includes('\\') ||
    file.includes('\0') ||
    file.split('/').some((part) => part === '..' || part === '.' || part === '');
  if (bad) throw new Error(`Refusing to write outside the output folder: \`${file}\``);
}

/**
 * Whether a write failed because another output of this build holds the
 * place: a file where the path needs a folder, or a folder where the file
 * goes. The route check (`model/routes.ts`) reports every such clash as a
 * fatal `duplicate-output` before anything renders, so the pages still
 * rendered for their messages are written into a staging folder that is
 * dropped: a clash is skipped there instead of crashing the build.
 */
export function isOutputClash(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY';
}

/** Writer that keeps files in memory (tests, dry runs). */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();
  committed = false;
  get paths(): ReadonlySet<string> {
    return new Set(this.files.keys());
  }
  async write(file: string, data: string | Uint8Array): Promise<void> {
    assertOutputPath(file);
    this.files.set(file, data);
  }
  async copy(from: string, to: string): Promise<void> {
    assertOutputPath(to);
    this.files.set(to, await fs.readFile(from));
  }
  async reuse(): Promise<boolean> {
    return false;
  }
  async reuseAll(): Promise<boolean> {
    return false;
  }
  adopt(file: string): void {
    if (!this.files.has(file)) throw new Error(`No file \`${file}\` was written`);
  }
  async read(file: string): Promise<Uint8Array> {
    const data = this.files.get(file);
    if (data === undefined) throw new Error(`No file \`${file}\` was written`);
    return typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }
  async commit(): Promise<void> {
    this.committed = true;
  }
  async abort(): Promise<void> {
    this.files.clear();
  }
}

let tempCount = 0;

/**
 * Writes straight into a folder (no swap). The render workers use it to
 * write into the build's staging folder.
 */
export class DirWriter implements Writer {
  readonly dir: string;
  readonly #paths = new Set<string>();
  readonly #dirs = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
  }

  get paths(): ReadonlySet<string> {
    return this.#paths;
  }

  /** Records a file another thread wrote into `dir`. */
  adopt(file: string, _key?: string): void {
    this.#record(file);
  }

  #record(file: string): void {
    assertOutputPath(file);
    this.#paths.add(file);
  }

  /** Takes `file` off this build's list (it stays on disk: see `InPlaceWriter.forget`). */
  protected unrecord(file: string): void {
    this.#paths.delete(file);
  }

  /** Absolute path of `file` in `dir`, its folder made. */
  protected async target(file: string): Promise<string> {
    this.#record(file);
    const target = path.join(this.dir, ...file.split('/'));
    const dir = path.dirname(target);
    if (!this.#dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    return target;
  }

  /**
   * Files are written beside their place and renamed into it, so a path that
   * is a hard link to the previous output (see `FsWriter.reuse`) is replaced,
   * never written through.
   */
  async write(file: string, data: string | Uint8Array, _key?: string): Promise<void> {
    const target = await this.target(file);
    const temp = `${target}.${process.pid}-${threadId}-${++tempCount}.tmp`;
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  }

  async copy(from: string, to: string): Promise<void> {
    const target = await this.target(to);
    const temp = `${target}.${process.pid}-${threadId}-${++tempCount}.tmp`;
    await fs.copyFile(from, temp);
    await fs.rename(temp, target);
  }

  async reuse(_file: string, _key: string): Promise<boolean> {
    return false;
  }

  async reuseAll(_prefix: string, _key: string): Promise<boolean> {
    return false;
  }

  async read(file: string): Promise<Uint8Array> {
    assertOutputPath(file);
    return fs.readFile(path.join(this.dir, ...file.split('/')));
  }

  async commit(): Promise<void> {}

  async abort(): Promise<void> {}
}
