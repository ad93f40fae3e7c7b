/**
 * The build's writer into the output folder: files go into a staging folder
 * beside it, swapped into place with two renames on `commit()`, so a failed
 * (or killed) build leaves the previous output as it was. With a manifest,
 * files the previous build made from the same key are hard-linked from the
 * previous output instead of being rendered and written again.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { entryOf, keyOf, readManifest, sameFile, writeManifest, type ManifestEntry } from './manifest.js';
import { DirWriter } from './writer.js';

const STAGING = '.onair-staging-';
const RETIRED = '.onair-retired-';

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
    // All or none: a file that changed since the check fails the whole folder (the caller makes it again, replacing the links).
    for (const [file] of files) if (!(await this.reuse(file, key))) return false;
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
