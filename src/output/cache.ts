/**
 * The build cache: each post's rendered result, content-addressed, in
 * `ROOT/.onair-cache/posts/`. The key covers everything the result depends
 * on (the post's bytes and model data, its neighbours, the config, every
 * template file and onair's own code), so a hit can never be stale. Entries
 * are written atomically (temp file + rename); one that does not parse is
 * discarded, never trusted. Plain JSON, portable between machines.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostResult } from '../render/post.js';

/** A cached post: its result and the files it wrote. */
export interface CacheEntry {
  result: PostResult;
  files: Record<string, string>;
}

/** Hash of every file under `dirs` (path and bytes), sorted: changes when any file does. */
export function hashFiles(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(path.relative(dir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

let codeHash: string | undefined;

/** Hash of onair's own code (its `src/` or `dist/` folder): a new onair never reuses old results. */
export function onairCodeHash(): string {
  codeHash ??= hashFiles([path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')]);
  return codeHash;
}

/** A post cache under `dir`, or one that never hits when `enabled` is false. */
export class PostCache {
  readonly dir: string;
  readonly enabled: boolean;
  hits = 0;
  misses = 0;

  constructor(dir: string, enabled: boolean) {
    this.dir = dir;
    this.enabled = enabled;
  }

  /** The cache key of a post task under a build-wide `salt`. */
  key(salt: string, task: unknown): string {
    return createHash('sha256').update(salt).update('\0').update(JSON.stringify(task)).digest('hex');
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!this.enabled) return undefined;
    try {
      const entry = JSON.parse(await fsp.readFile(this.#file(key), 'utf8')) as CacheEntry;
      if (!entry || typeof entry !== 'object' || !entry.result || typeof entry.files !== 'object') throw new Error('bad entry');
      this.hits++;
      return entry;
    } catch (error) {
      // Missing, or corrupt (a torn write from another tool, a bad copy): a miss.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await fsp.rm(this.#file(key), { force: true });
      this.misses++;
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (!this.enabled) return;
    const file = this.#file(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fsp.writeFile(temp, JSON.stringify(entry));
    await fsp.rename(temp, file);
  }

  #file(key: string): string {
    return path.join(this.dir, 'posts', key.slice(0, 2), `${key}.json`);
  }
}
