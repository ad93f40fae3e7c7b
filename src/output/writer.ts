/**
 * Where a build's files go. The build only talks to a `Writer`; the fs
 * implementation writes into a temporary folder beside the output and swaps
 * it into place on `commit()`, so a failed (or killed) build leaves the
 * previous output as it was. The memory implementation lets tests build whole
 * sites without touching disk.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { entryOf, keyOf, readManifest, sameFile, writeManifest, type ManifestEntry } from './manifest.js';

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

const STAGING = '.onair-staging-';
let tempCount = 0;
const RETIRED = '.onair-retired-';

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

/**
 * Writer into `outDir` through a staging folder in the same parent folder
 * (same file system, so the swap is two renames). With a manifest, files the
 * previous build made from the same key are hard-linked from the previous
 * output instead of being rendered and written again.
 */
export class FsWriter extends DirWriter {
  readonly outDir: string;
  readonly #manifest: string | undefined;
  readonly #previous: Map<string, ManifestEntry>;
  /** Keys of this build's files, with their entry once known. */
  readonly #keys = new Map<string, { key: string; entry?: ManifestEntry }>();
  /** Files carried over from the previous output. */
  reused = 0;

  private constructor(outDir: string, stagingDir: string, manifest: string | undefined, previous: Map<string, ManifestEntry>) {
    super(stagingDir);
    this.outDir = outDir;
    this.#manifest = manifest;
    this.#previous = previous;
  }

  /** The staging folder files are written into until `commit()`. */
  get stagingDir(): string {
    return this.dir;
  }

  /**
   * Prepares a staging folder, first recovering from a build killed mid-swap.
   * `manifest`: the file recording what this output was made from (no reuse without it).
   */
  static async create(outDir: string, options: { manifest?: string } = {}): Promise<FsWriter> {
    const parent = path.dirname(outDir);
    const base = path.basename(outDir);
    await fs.mkdir(parent, { recursive: true });
    await recover(parent, base, outDir);
    const stagingDir = await fs.mkdtemp(path.join(parent, `${STAGING}${base}-`));
    // mkdtemp makes the folder private; the output is for web servers to read.
    await fs.chmod(stagingDir, 0o755);
    const previous = options.manifest ? await readManifest(options.manifest) : new Map<string, ManifestEntry>();
    return new FsWriter(outDir, stagingDir, options.manifest, previous);
  }

  override adopt(file: string, key?: string): void {
    super.adopt(file);
    if (key !== undefined) this.#keys.set(file, { key });
  }

  override async write(file: string, data: string | Uint8Array, key?: string): Promise<void> {
    await super.write(file, data);
    if (key !== undefined) this.#keys.set(file, { key });
    else this.#keys.delete(file);
  }

  override async copy(from: string, to: string): Promise<void> {
    const stats = await fs.stat(from);
    const key = keyOf('copy', from, String(stats.size), String(stats.mtimeMs));
    if (await this.reuse(to, key)) return;
    await super.copy(from, to);
    this.#keys.set(to, { key });
  }

  override async reuse(file: string, key: string): Promise<boolean> {
    const entry = this.#previous.get(file);
    if (!entry || entry[0] !== key) return false;
    const from = path.join(this.outDir, ...file.split('/'));
    if (!sameFile(entry, await fs.lstat(from).catch(() => undefined))) return false;
    const target = await this.target(file);
    await fs.rm(target, { force: true });
    try {
      await fs.link(from, target);
      this.#keys.set(file, { key, entry });
    } catch {
      // A file system without hard links: copy (its entry is taken at commit).
      await fs.copyFile(from, target);
      this.#keys.set(file, { key });
    }
    this.reused++;
    return true;
  }

  override async reuseAll(prefix: string, key: string): Promise<boolean> {
    const files = [...this.#previous].filter(([file]) => file.startsWith(prefix));
    if (files.length === 0 || files.some(([, entry]) => entry[0] !== key)) return false;
    const stats = await Promise.all(files.map(([file]) => fs.lstat(path.join(this.outDir, ...file.split('/'))).catch(() => undefined)));
    if (files.some(([, entry], i) => !sameFile(entry, stats[i]))) return false;
    for (const [file] of files) await this.reuse(file, key);
    return true;
  }

  override async commit(): Promise<void> {
    const entries = await this.#entries();
    const parent = path.dirname(this.outDir);
    const retired = path.join(parent, `${RETIRED}${path.basename(this.outDir)}-${process.pid}`);
    let hadOld = true;
    try {
      await fs.rename(this.outDir, retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hadOld = false;
    }
    await fs.rename(this.stagingDir, this.outDir);
    // Renames keep size, mtime and inode: the entries describe the new output.
    if (this.#manifest) await writeManifest(this.#manifest, entries);
    if (hadOld) await fs.rm(retired, { recursive: true, force: true });
  }

  /** Manifest entries of this build's keyed files (stat of the staged files not carried over). */
  async #entries(): Promise<Map<string, ManifestEntry>> {
    const entries = new Map<string, ManifestEntry>();
    if (!this.#manifest) return entries;
    const pending = [...this.#keys].filter(([, value]) => !value.entry);
    for (let i = 0; i < pending.length; i += 64) {
      const batch = pending.slice(i, i + 64);
      const stats = await Promise.all(batch.map(([file]) => fs.lstat(path.join(this.dir, ...file.split('/'))).catch(() => undefined)));
      batch.forEach(([file, value], j) => {
        const stat: Stats | undefined = stats[j];
        if (stat?.isFile()) value.entry = entryOf(value.key, stat);
      });
    }
    for (const [file, value] of this.#keys) if (value.entry) entries.set(file, value.entry);
    return entries;
  }

  override async abort(): Promise<void> {
    await fs.rm(this.stagingDir, { recursive: true, force: true });
  }
}

/**
 * Puts back the output of a build killed mid-swap, as `FsWriter.create` does;
 * `build()` calls it first thing, so even a build that fails before writing
 * anything leaves the previous output in place.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  if (!(await fs.stat(parent).catch(() => undefined))) return;
  await recover(parent, path.basename(outDir), outDir);
}

/**
 * A build killed between the two renames of a swap leaves the old output
 * retired and no output: put it back. Stale staging folders are removed.
 */
async function recover(parent: string, base: string, outDir: string): Promise<void> {
  const names = await fs.readdir(parent);
  const retired = names.filter((n) => n.startsWith(`${RETIRED}${base}-`));
  const outExists = names.includes(base);
  for (const name of retired) {
    const full = path.join(parent, name);
    if (!outExists && name === retired[0]) await fs.rename(full, outDir);
    else await fs.rm(full, { recursive: true, force: true });
  }
  for (const name of names.filter((n) => n.startsWith(`${STAGING}${base}-`))) {
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}
