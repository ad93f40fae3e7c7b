/**
 * Where a build's files go. The build only talks to a `Writer`; the fs
 * implementation writes into a temporary folder beside the output and swaps
 * it into place on `commit()`, so a failed (or killed) build leaves the
 * previous output as it was. The memory implementation lets tests build whole
 * sites without touching disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Sink for a build's output files. Paths are relative, POSIX, inside the output. */
export interface Writer {
  /** Writes one file. */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /** Copies a file from disk (absolute `from`) to `to` in the output. */
  copy(from: string, to: string): Promise<void>;
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
  adopt(file: string): void {
    assertOutputPath(file);
    this.#paths.add(file);
  }

  async #target(file: string): Promise<string> {
    this.adopt(file);
    const target = path.join(this.dir, ...file.split('/'));
    const dir = path.dirname(target);
    if (!this.#dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    return target;
  }

  async write(file: string, data: string | Uint8Array): Promise<void> {
    await fs.writeFile(await this.#target(file), data);
  }

  async copy(from: string, to: string): Promise<void> {
    await fs.copyFile(from, await this.#target(to));
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
 * (same file system, so the swap is two renames).
 */
export class FsWriter extends DirWriter {
  readonly outDir: string;

  private constructor(outDir: string, stagingDir: string) {
    super(stagingDir);
    this.outDir = outDir;
  }

  /** The staging folder files are written into until `commit()`. */
  get stagingDir(): string {
    return this.dir;
  }

  /** Prepares a staging folder, first recovering from a build killed mid-swap. */
  static async create(outDir: string): Promise<FsWriter> {
    const parent = path.dirname(outDir);
    const base = path.basename(outDir);
    await fs.mkdir(parent, { recursive: true });
    await recover(parent, base, outDir);
    const stagingDir = await fs.mkdtemp(path.join(parent, `${STAGING}${base}-`));
    // mkdtemp makes the folder private; the output is for web servers to read.
    await fs.chmod(stagingDir, 0o755);
    return new FsWriter(outDir, stagingDir);
  }

  override async commit(): Promise<void> {
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
    if (hadOld) await fs.rm(retired, { recursive: true, force: true });
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
