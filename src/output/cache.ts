/**
 * The build cache: each post's rendered result, content-addressed, in
 * `ROOT/.onair-cache/posts/`. The key covers everything the result depends
 * on (the post's bytes and model data, its neighbours, the config, every
 * template file and onair's own code), so a hit can never be stale. Entries
 * are written atomically (temp file + rename); one that does not parse is
 * discarded, never trusted. Plain JSON, portable between machines. Results
 * are grouped in generations (`posts/<gen>/`, see `key`) so that the prune
 * (`cache-prune.ts`) drops a whole dead generation without reading it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostResult } from '../render/task.js';
import { writeFileAtomicSync } from '../util/atomic.js';
import { loadMap, saveMap } from '../util/map-file.js';
import { generationOf, pruneCache, touch, type PruneOptions, type PruneReport } from './cache-prune.js';

/** A cached post: its result and the files it wrote (kept apart: a build that carries the files over never reads them). */
export interface CacheEntry {
  result: PostResult;
  files: Record<string, string>;
}

/** Where a post's cache entry goes (plain data: the thread that renders the post writes it, see {@link writeCacheEntry}). */
export interface EntryPaths {
  /** The files it wrote, by output path. */
  files: string;
  /** Its result. */
  result: string;
}

/**
 * Writes a cache entry, files first: a result is only found once its files
 * are in place. Synchronous: the render worker that made the page writes it
 * (it holds the HTML already; the build's thread would read the page back).
 */
export function writeCacheEntry(paths: EntryPaths, entry: CacheEntry): void {
  writeJson(paths.files, entry.files);
  writeJson(paths.result, entry.result);
}

function writeJson(file: string, value: unknown): void {
  const data = JSON.stringify(value);
  try {
    writeFileAtomicSync(file, data);
  } catch (error) {
    // A concurrent build's prune may remove an old generation's folder between the mkdir and the write: once more.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    writeFileAtomicSync(file, data);
  }
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
  /** Results of the last build in one file (`results.bin`), read once instead of a file per post. */
  #pack: Map<string, PostResult> | undefined;
  /** Results this build used or made: the next pack. */
  #used = new Map<string, PostResult>();
  /** Whether `#used` was saved as the pack (else the prune goes by the loaded pack). */
  #saved = false;
  /** Whether the last save knew the pack before it, so dated the results it left (see `save`). */
  #dated = false;
  /** Generations whose folder this build touched (the prune ranks other generations by it). */
  readonly #touched = new Set<string>();
  readonly #packFile: string;

  /** `pack`: the file of the last build's results. Default `DIR/results.bin` (`onair dev` keeps its own: see `serve/dev-folder.ts`). */
  constructor(dir: string, enabled: boolean, options: { pack?: string } = {}) {
    this.dir = dir;
    this.enabled = enabled;
    this.#packFile = options.pack ?? path.join(dir, 'results.bin');
  }

  /** Whether no results of an earlier build are at hand (cache off, or no pack): every post will be rendered. */
  cold(): boolean {
    return !this.enabled || !fs.existsSync(this.#packFile);
  }

  /** Loads the results of the last build (a missing or unreadable pack is ignored: results are also kept one per file). */
  async load(): Promise<void> {
    if (!this.enabled) return;
    this.#pack = (await loadMap(this.#packFile)) as Map<string, PostResult> | undefined;
  }

  /** The results `load` found (a process that keeps them in memory, `onair dev`, takes them from here). */
  loaded(): Map<string, PostResult> {
    return new Map([...(this.#pack ?? [])].filter(([key, value]) => typeof key === 'string' && isResult(value)));
  }

  /** Makes `results` all that this process used (one that keeps them in memory, before each `save`). */
  useOnly(results: ReadonlyMap<string, PostResult>): void {
    this.#used = new Map();
    for (const [key, result] of results) this.adopt(key, result);
  }

  /**
   * Saves the results this build used as the next build's pack, when they
   * differ from the loaded one. The results of the last build that this one
   * no longer uses are touched: their mtime says when they were last used.
   */
  async save(): Promise<void> {
    if (!this.enabled) return;
    this.#saved = true;
    const pack = this.#pack;
    this.#dated = pack !== undefined;
    if (pack && pack.size === this.#used.size && [...this.#used.keys()].every((key) => pack.has(key))) return;
    await saveMap(this.#packFile, this.#used);
    // The last results from now on: a process that saves again (after `useOnly`) compares with these.
    this.#pack = this.#used;
    if (!pack) return;
    // Only in the generations this build used: the others are dated by their folder.
    const gens = this.#gens();
    const retired = [...pack.keys()].filter((key) => !this.#used.has(key) && gens.has(generationOf(key)));
    const now = new Date();
    for (let i = 0; i < retired.length; i += 64) {
      await Promise.all(retired.slice(i, i + 64).flatMap((key) => [touch(this.#file(key, 'json'), now), touch(this.#file(key, 'files.json'), now)]));
    }
  }

  /**
   * Removes what no build is likely to use again (see `cache-prune.ts`),
   * keeping everything this build used; call it after `save()`. Cheap when
   * nothing is due. Never throws: a failure is a process warning.
   */
  async prune(options: PruneOptions = {}): Promise<PruneReport | undefined> {
    // Without the last build's results, this one could not date the results it left: wait for the next.
    if (!this.enabled || !this.#pack || (this.#saved && !this.#dated)) return undefined;
    const used = this.#saved ? this.#used : this.#pack;
    try {
      return await pruneCache(this.dir, { used, gens: this.#gens(), code: onairCodeHash().slice(0, 8) }, options);
    } catch (error) {
      process.emitWarning(`could not prune the build cache ${this.dir}: ${(error as Error).message}`, { code: 'ONAIR_CACHE_PRUNE' });
      return undefined;
    }
  }

  /**
   * The cache key of a post task under a build-wide `salt` (itself a digest).
   * It starts with its generation: onair's code and the salt (8 characters
   * each), so results that can never be hit again sit in their own folder.
   */
  key(salt: string, task: unknown): string {
    const gen = onairCodeHash().slice(0, 8) + salt.slice(0, 8);
    if (this.enabled && !this.#touched.has(gen)) {
      this.#touched.add(gen);
      // Dates the generation's last use (once per build).
      try {
        fs.utimesSync(path.join(this.dir, 'posts', gen), new Date(), new Date());
      } catch {
        // Not made yet: its first result will date it.
      }
    }
    return gen + createHash('sha256').update(salt).update('\0').update(JSON.stringify(task)).digest('hex').slice(0, 48);
  }

  /** The cached result of `key` (not its files: see `files`). */
  async get(key: string): Promise<PostResult | undefined> {
    const packed = this.enabled ? this.#pack?.get(key) : undefined;
    const result = isResult(packed) ? packed : await this.#read<PostResult>(this.#file(key, 'json'), isResult);
    if (result) {
      this.hits++;
      this.#used.set(key, withoutFeedHtml(result));
    } else if (this.enabled) this.misses++;
    return result;
  }

  /** The files the cached result of `key` wrote, by output path. */
  async files(key: string): Promise<Record<string, string> | undefined> {
    return this.#read<Record<string, string>>(this.#file(key, 'files.json'), (value) => typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string'));
  }

  /** Where the entry of `key` goes; undefined when the cache is off (nothing is written). */
  paths(key: string): EntryPaths | undefined {
    return this.enabled ? { files: this.#file(key, 'files.json'), result: this.#file(key, 'json') } : undefined;
  }

  /** Records the result of `key`, written at `paths(key)` by the thread that rendered it, as used by this build. */
  adopt(key: string, result: PostResult): void {
    if (this.enabled) this.#used.set(key, withoutFeedHtml(result));
  }

  /**
   * The feed HTML in the entry of `key`, which the pack leaves out: a build
   * reads it only when a feed that shows the post is made again. Undefined
   * when the entry is gone or unreadable; the key is then left out of the
   * next pack, so the next build renders the post (and its entry) again.
   */
  async feedHtml(key: string): Promise<string | undefined> {
    const result = await this.#read<PostResult>(this.#file(key, 'json'), isResult);
    if (typeof result?.feedHtml === 'string') return result.feedHtml;
    this.#used.delete(key);
    return undefined;
  }

  async #read<T>(file: string, valid: (value: unknown) => boolean): Promise<T | undefined> {
    if (!this.enabled) return undefined;
    try {
      const value = JSON.parse(await fsp.readFile(file, 'utf8')) as unknown;
      if (!valid(value)) throw new Error('bad entry');
      return value as T;
    } catch (error) {
      // Missing, or corrupt (a torn write from another tool, a bad copy): a miss.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await fsp.rm(file, { force: true });
      return undefined;
    }
  }

  /** The generations of the results this build used (of the last build's, when this one saved none). */
  #gens(): ReadonlySet<string> {
    if (this.#saved && this.#touched.size > 0) return this.#touched;
    const results = this.#saved ? this.#used : (this.#pack ?? new Map<string, PostResult>());
    return new Set([...results.keys()].map(generationOf));
  }

  #file(key: string, extension: string): string {
    return path.join(this.dir, 'posts', generationOf(key), key.slice(16, 18), `${key}.${extension}`);
  }
}

/** `result` less its feed HTML (kept in its entry only: see `feedHtml`). */
function withoutFeedHtml(result: PostResult): PostResult {
  if (result.feedHtml === undefined) return result;
  const { feedHtml: _feedHtml, ...rest } = result;
  return rest;
}

function isResult(value: unknown): value is PostResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as PostResult).messages);
}
