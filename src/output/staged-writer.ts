/**
 * The build's writer into the output folder: files go into a staging folder
 * beside it, swapped into place with two renames on `commit()`, so a failed
 * (or killed) build leaves the previous output as it was. With a manifest,
 * files the previous build made from the same key are hard-linked from the
 * previous output instead of being rendered and written again, and the
 * output before that is kept as a spare (`.onair-spare-NAME`) that the next
 * build stages into: files whose key did not change are already there, so a
 * rebuild neither links nor deletes them.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { entryOf, keyOf, readOutputRecord, sameFile, writeManifest, type ManifestEntry } from './manifest.js';
import { DirWriter, isOutputClash } from './writer.js';

const STAGING = '.onair-staging-';
const RETIRED = '.onair-retired-';
/** The output before the current one, staged into by the next build. */
export const SPARE = '.onair-spare-';

/** What the staging folder held when it was the spare: its files (key, or null when unkeyed) and their list. */
type Staged = Map<string, ManifestEntry | null>;

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
  readonly #previousPaths: string[] | undefined;
  /** Files already in the staging folder (it was the spare), or none. */
  readonly #staged: Staged | undefined;
  /** Keys of this build's files, with their entry once known. */
  readonly #keys = new Map<string, { key: string; entry?: ManifestEntry }>();
  /** Files carried over from the previous output. */
  reused = 0;

  private constructor(outDir: string, stagingDir: string, manifest: string | undefined, previous: { files: Map<string, ManifestEntry>; paths?: string[] }, staged?: Staged) {
    super(stagingDir);
    this.outDir = outDir;
    this.#manifest = manifest;
    this.#previous = previous.files;
    this.#previousPaths = previous.paths;
    this.#staged = staged;
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
    const previous = options.manifest ? await readOutputRecord(options.manifest) : { files: new Map<string, ManifestEntry>() };
    const spare = path.join(parent, `${SPARE}${base}`);
    const record = options.manifest ? await readOutputRecord(spareManifest(options.manifest)) : undefined;
    if (record?.paths && (await fs.stat(spare).catch(() => undefined))?.isDirectory()) {
      // The spare becomes the staging folder (a build killed from here on leaves a staging folder, which is removed).
      const stagingDir = path.join(parent, `${STAGING}${base}-${process.pid}-${Date.now().toString(36)}`);
      await fs.rename(spare, stagingDir);
      const staged: Staged = new Map(record.paths.map((file) => [file, record.files.get(file) ?? null]));
      return new FsWriter(outDir, stagingDir, options.manifest, previous, staged);
    }
    // A spare its manifest no longer describes is dropped; a build without a manifest (`--no-cache`) leaves it for the next cached one.
    if (options.manifest) await fs.rm(spare, { recursive: true, force: true });
    const stagingDir = await fs.mkdtemp(path.join(parent, `${STAGING}${base}-`));
    // mkdtemp makes the folder private; the output is for web servers to read.
    await fs.chmod(stagingDir, 0o755);
    return new FsWriter(outDir, stagingDir, options.manifest, previous);
  }

  override adopt(file: string, key?: string): void {
    super.adopt(file);
    if (key !== undefined) this.#keys.set(file, { key });
  }

  /** Files not written because another output holds their place (see `isOutputClash`); a commit with any is refused. */
  readonly clashes = new Set<string>();

  override async write(file: string, data: string | Uint8Array, key?: string): Promise<void> {
    if (!(await this.#clashing(file, () => this.#clearing(file, () => super.write(file, data))))) return;
    if (key !== undefined) this.#keys.set(file, { key });
    else this.#keys.delete(file);
  }

  override async copy(from: string, to: string): Promise<void> {
    const stats = await fs.stat(from);
    const key = keyOf('copy', from, String(stats.size), String(stats.mtimeMs));
    if (await this.reuse(to, key)) return;
    if (!(await this.#clashing(to, () => this.#clearing(to, () => super.copy(from, to))))) return;
    this.#keys.set(to, { key });
  }

  override async reuse(file: string, key: string): Promise<boolean> {
    // Already in the staging folder, made from the same key: nothing to do.
    const staged = this.#staged?.get(file);
    if (staged && staged[0] === key && sameFile(staged, await fs.lstat(this.#staging(file)).catch(() => undefined))) {
      super.adopt(file);
      this.#keys.set(file, { key, entry: staged });
      this.reused++;
      return true;
    }
    const entry = this.#previous.get(file);
    if (!entry || entry[0] !== key) return false;
    const from = path.join(this.outDir, ...file.split('/'));
    if (!sameFile(entry, await fs.lstat(from).catch(() => undefined))) return false;
    const target = await this.#clearing(file, async () => {
      const target = await this.target(file);
      await fs.rm(target, { force: true });
      return target;
    });
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

  /** Runs `make`; false when `file` clashes with another output (then skipped: the build has already failed). */
  async #clashing(file: string, make: () => Promise<unknown>): Promise<boolean> {
    try {
      await make();
      return true;
    } catch (error) {
      if (!isOutputClash(error)) throw error;
      this.clashes.add(file);
      return false;
    }
  }

  #staging(file: string): string {
    return path.join(this.dir, ...file.split('/'));
  }

  /**
   * Runs `make` (which puts `file` into the staging folder); when the spare
   * had a file where a folder goes, or a folder where the file goes, clears
   * the way and runs it again.
   */
  async #clearing<T>(file: string, make: () => Promise<T>): Promise<T> {
    try {
      return await make();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!this.#staged || !['EEXIST', 'ENOTDIR', 'EISDIR', 'EPERM'].includes(code ?? '')) throw error;
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = path.join(this.dir, ...parts.slice(0, i));
        if (!(await fs.lstat(dir).catch(() => undefined))?.isDirectory()) await fs.rm(dir, { force: true });
      }
      await fs.rm(this.#staging(file), { recursive: true, force: true });
      return await make();
    }
  }

  override async reuseAll(prefix: string, key: string): Promise<boolean> {
    const files = [...this.#previous].filter(([file]) => file.startsWith(prefix));
    if (files.length === 0 || files.some(([, entry]) => entry[0] !== key)) return false;
    const stats = await Promise.all(files.map(([file]) => fs.lstat(path.join(this.outDir, ...file.split('/'))).catch(() => undefined)));
    if (files.some(([, entry], i) => !sameFile(entry, stats[i]))) return false;
    // All or none: a file that changed since the check fails the whole folder (the caller makes it again, replacing the links).
    for (const [file] of files) if (!(await this.reuse(file, key))) return false;
    return true;
  }

  override async commit(): Promise<void> {
    if (this.clashes.size > 0) throw new Error(`Refusing to publish an output with clashing paths (\`${[...this.clashes].join('`, `')}\`): the route check should have failed this build`);
    const entries = await this.#entries();
    await this.#removeLeftovers();
    const parent = path.dirname(this.outDir);
    const base = path.basename(this.outDir);
    const retired = path.join(parent, `${RETIRED}${base}-${process.pid}`);
    let hadOld = true;
    try {
      await fs.rename(this.outDir, retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hadOld = false;
    }
    await fs.rename(this.stagingDir, this.outDir);
    if (!this.#manifest) {
      if (hadOld) await fs.rm(retired, { recursive: true, force: true });
      return;
    }
    // Renames keep size, mtime and inode: the entries describe the new output, and the old ones the spare.
    await writeManifest(this.#manifest, entries, this.paths);
    if (hadOld && this.#previousPaths) {
      await writeManifest(spareManifest(this.#manifest), this.#previous, this.#previousPaths);
      await fs.rename(retired, path.join(parent, `${SPARE}${base}`));
    } else if (hadOld) await fs.rm(retired, { recursive: true, force: true });
  }

  /** Files of the spare this build did not make, and the folders they leave empty. */
  async #removeLeftovers(): Promise<void> {
    if (!this.#staged) return;
    const dirs = new Set<string>();
    const gone = [...this.#staged.keys()].filter((file) => !this.paths.has(file));
    if (gone.length === 0) return;
    // A file that became a folder of this build's files stays (the folder is what is there now).
    const folders = new Set<string>();
    for (const file of this.paths) for (let dir = path.posix.dirname(file); dir !== '.' && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
    const files = gone.filter((file) => !folders.has(file));
    for (let i = 0; i < files.length; i += 64) {
      await Promise.all(files.slice(i, i + 64).map((file) => fs.rm(this.#staging(file), { force: true })));
    }
    for (const file of gone) for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) dirs.add(dir);
    // Deepest first; a folder still holding files stays.
    for (const dir of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length)) {
      await fs.rmdir(this.#staging(dir)).catch(() => undefined);
    }
  }

  /** Manifest entries of this build's keyed files (stat of the staged files not carried over). */
  async #entries(): Promise<Map<string, ManifestEntry>> {
    const entries = new Map<string, ManifestEntry>();
    if (!this.#manifest) return entries;
    const pending = [...this.#keys].filter(([, value]) => !value.entry);
    for (let i = 0; i < pending.length; i += 64) {
      const batch = pending.slice(i, i + 64);
      const stats = await Promise.all(batch.map(([file]) => fs.lstat(path.join(this.dir, ...file.split('/'))).catch(() => undefined)));
      batch.forEach(([, value], j) => {
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

/** Where the manifest of the spare output is kept, beside the output's. */
function spareManifest(manifest: string): string {
  return manifest.replace(/(\.json)?$/, '.spare.json');
}
