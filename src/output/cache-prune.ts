/**
 * Garbage collection of the build cache (`ROOT/.onair-cache/`), run after a
 * successful build. Post results live in generations (`posts/<gen>/`, one
 * per onair code and site-wide key salt): a build only ever hits its own.
 * - In the generations this build used, a result it did not use goes once
 *   unused for `maxAge` (its mtime is when it was written, or when it left
 *   the last build's results: see `PostCache.save`).
 * - Other generations (another config, post list or onair): the two used
 *   last are kept for `maxAge` (switching branches back still hits), one of
 *   another onair code for a day only; the rest go at once.
 * - Compiled themes and output manifests go once unused for a week;
 *   temporary files of writers (`*.tmp`) after an hour (never one being written);
 *   the folder `onair dev` keeps (`dev/site/`) a week after its last session
 *   ended (never while one runs: it is renamed away then).
 * Links are never followed (nor removed); files it does not know at the top
 * are left alone. To stay cheap at 50,000 posts, it runs only when due
 * (`prune.json` records when something next expires, at most a week ahead,
 * at least an hour) or, for the generations alone, when a new one appeared;
 * used results are never stat'ed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Options of {@link pruneCache}. */
export interface PruneOptions {
  /** The clock, in ms since the epoch. Default: `Date.now()`. */
  now?: number;
  /** How long post results (and generations) that builds no longer use are kept. Default: 7 days. */
  maxAge?: number;
  /** Prune even when nothing is due (`onair clean --unused`). Default: false. */
  force?: boolean;
}

/** What a prune did. */
export interface PruneReport {
  /** False when nothing was due (nothing was read but `prune.json`). */
  ran: boolean;
  /** Files removed one by one, and their bytes. */
  removed: number;
  bytes: number;
  /** Generation folders removed whole. */
  generations: number;
  /** When the next prune is due (ms since the epoch). */
  due: number;
}

/** The generation of a post result key: its first 16 characters (see `PostCache.key`). */
export function generationOf(key: string): string {
  return key.slice(0, 16);
}

const entryName = /^([\da-f]{64})\.(?:files\.)?json$/;
const generation = /^[\da-f]{16}$/;
const topLevel = /^(?:theme-[\da-f]+\.json|output-[\da-f]{16}(?:\.spare)?\.json)$/;
/** Other generations kept (switching branches back and forth), and how long one of another onair code is. */
const KEEP_OTHERS = 2;
const OTHER_CODE_AGE = DAY;

/** What a build used: its results (never removed) and their generations, and onair's code hash (its first 8 characters). */
export interface PruneUse {
  used: { has(key: string): boolean };
  gens: ReadonlySet<string>;
  code: string;
}

/**
 * Prunes the cache in `dir`. When only a new generation appeared (nothing
 * is due), just the other generations and the files at the top are looked
 * at: the new one's results were all just used.
 */
export async function pruneCache(dir: string, { used, gens, code }: PruneUse, options: PruneOptions = {}): Promise<PruneReport> {
  const now = options.now ?? Date.now();
  const maxAge = options.maxAge ?? WEEK;
  const stateFile = path.join(dir, 'prune.json');
  const state = await readState(stateFile);
  const due = options.force || !state || now >= state.due;
  if (!due && [...gens].every((gen) => state.gens.includes(gen))) {
    return { ran: false, removed: 0, bytes: 0, generations: 0, due: state.due };
  }
  // When the results are not looked at, what expires among them is still due when the last prune said.
  const report = { ran: true, removed: 0, bytes: 0, generations: 0, due: due ? now + WEEK : state.due };
  /** Removes `file` when older than `age`; else notes when it will be due. */
  const expire = async (file: string, age: number) => {
    const stats = await fs.lstat(file).catch(() => undefined);
    if (!stats?.isFile()) return;
    if (now - stats.mtimeMs < age) report.due = Math.min(report.due, stats.mtimeMs + age);
    else if (await unlink(file)) (report.removed++, (report.bytes += stats.size));
  };

  for (const entry of await list(dir)) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith('.tmp')) await expire(path.join(dir, entry.name), HOUR);
    else if (topLevel.test(entry.name)) await expire(path.join(dir, entry.name), WEEK);
  }
  // Dated by its `clean` mark (made when its last session ended); taken away by a rename first, so a session starting meanwhile claims it whole or not at all.
  const devFolder = path.join(dir, 'dev', 'site');
  const ended = await fs.lstat(path.join(devFolder, 'clean')).catch(() => undefined);
  if (ended?.isFile() && now - ended.mtimeMs < WEEK) report.due = Math.min(report.due, ended.mtimeMs + WEEK);
  else if (ended?.isFile()) {
    const away = `${devFolder}.expired-${process.pid}`;
    if (await fs.rename(devFolder, away).then(() => true, () => false)) await fs.rm(away, { recursive: true, force: true });
  }

  const posts = path.join(dir, 'posts');
  const others: Array<{ name: string; mtimeMs: number }> = [];
  for (const entry of await list(posts)) {
    const full = path.join(posts, entry.name);
    if (entry.isFile() && due) await expire(full, entry.name.endsWith('.tmp') ? HOUR : maxAge);
    if (!entry.isDirectory()) continue;
    if (!gens.has(entry.name)) {
      const stats = await fs.lstat(full).catch(() => undefined);
      if (stats?.isDirectory()) others.push({ name: entry.name, mtimeMs: stats.mtimeMs });
      continue;
    }
    if (!due) continue;
    // A generation this build used: the results it did not use, by age (used ones are not even
    // stat'ed). Folders stay, even empty: a concurrent build may have just made one to write into.
    for (const sub of await list(full)) {
      if (!sub.isDirectory()) continue;
      const subDir = path.join(full, sub.name);
      const stale = (await list(subDir)).filter((file) => file.isFile() && !used.has(entryName.exec(file.name)?.[1] ?? ''));
      await Promise.all(stale.map((file) => expire(path.join(subDir, file.name), file.name.endsWith('.tmp') ? HOUR : maxAge)));
    }
  }

  // Other generations, most recently used first (each build touches the folder of its own). Folders
  // of an older layout (not a generation) take no place among them and go after a day.
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  let rank = 0;
  for (const gen of others) {
    const isGen = generation.test(gen.name);
    const age = isGen && gen.name.startsWith(code) ? maxAge : Math.min(maxAge, OTHER_CODE_AGE);
    if ((!isGen || rank++ < KEEP_OTHERS) && now - gen.mtimeMs < age) report.due = Math.min(report.due, gen.mtimeMs + age);
    else if (await fs.rm(path.join(posts, gen.name), { recursive: true, force: true }).then(() => true, () => false)) report.generations++;
  }

  // Not more often than hourly, whatever expires next.
  report.due = Math.max(report.due, now + HOUR);
  await writeFileAtomic(stateFile, JSON.stringify({ version: 1, due: report.due, gens: [...gens].sort() }));
  return report;
}

/** Sets the mtime of `file` to now (a missing file is fine): marks a result or a theme as just used. */
export async function touch(file: string, when = new Date()): Promise<void> {
  await fs.utimes(file, when, when).catch(() => undefined);
}

async function readState(file: string): Promise<{ due: number; gens: string[] } | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: unknown; due?: unknown; gens?: unknown };
    if (data?.version !== 1 || typeof data.due !== 'number' || !Array.isArray(data.gens)) return undefined;
    return { due: data.due, gens: data.gens.filter((gen): gen is string => typeof gen === 'string') };
  } catch {
    return undefined;
  }
}

/** The entries of a folder (none when it is missing or not a folder). Types come from the folder: links are never followed. */
async function list(dir: string): Promise<import('node:fs').Dirent[]> {
  return fs.readdir(dir, { withFileTypes: true }).catch(() => []);
}

async function unlink(file: string): Promise<boolean> {
  return fs.unlink(file).then(
    () => true,
    () => false,
  );
}
