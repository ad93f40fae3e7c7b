/**
 * The output manifest: for every file of the last committed build, the key
 * it was made from (a hash of everything that went into it) and the file's
 * identity on disk (size, mtime, inode). The next build carries a file over
 * instead of rendering it again only when both still match, so neither a
 * changed input nor a hand-edited output file is ever trusted. It lives in
 * the build cache (`ROOT/.onair-cache/output-*.json`), written atomically;
 * one that does not parse is ignored.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';

/** One output file: `[key, size, mtimeMs, ino]`. */
export type ManifestEntry = [key: string, size: number, mtimeMs: number, ino: number];

/** Path of the manifest of `outDir` inside `cacheDir`. */
export function manifestPath(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, `output-${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`);
}

/** Reads a manifest; empty when missing or corrupt. */
export async function readManifest(file: string): Promise<Map<string, ManifestEntry>> {
  return (await readOutputRecord(file)).files;
}

/** A manifest with the list of every file of that output (keyed or not), when it was recorded. */
export interface OutputRecord {
  files: Map<string, ManifestEntry>;
  paths?: string[];
}

/** Reads a manifest and its file list; empty when missing or corrupt. */
export async function readOutputRecord(file: string): Promise<OutputRecord> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: number; files?: Record<string, ManifestEntry>; paths?: unknown };
    if (data?.version !== 1 || typeof data.files !== 'object' || data.files === null) return { files: new Map() };
    const files = new Map(Object.entries(data.files).filter(([, entry]) => Array.isArray(entry) && entry.length === 4 && typeof entry[0] === 'string'));
    const paths = Array.isArray(data.paths) && data.paths.every((p) => typeof p === 'string') ? (data.paths as string[]) : undefined;
    return paths ? { files, paths } : { files };
  } catch {
    return { files: new Map() };
  }
}

/** Writes a manifest atomically (temp file + rename); `paths` lists every file of the output. */
export async function writeManifest(file: string, entries: ReadonlyMap<string, ManifestEntry>, paths?: Iterable<string>): Promise<void> {
  await writeFileAtomic(file, manifestText(entries, paths && [...paths].sort()));
}

/** Files or paths per piece of the manifest's text. */
const piece = 1000;

/**
 * The manifest's JSON (`{"version":1,"files":{…},"paths":[…]}`, files and
 * paths sorted) a piece at a time: at 50,000 posts it lists about 150,000
 * files, and one `JSON.stringify` of it all was some 100 MB of strings and
 * objects beside the largest heap of the build, at its very end.
 */
function* manifestText(entries: ReadonlyMap<string, ManifestEntry>, paths: string[] | undefined): Generator<Uint8Array> {
  const files = [...entries.keys()].sort();
  yield Buffer.from('{"version":1,"files":{');
  for (let i = 0; i < files.length; i += piece) {
    const part = files.slice(i, i + piece).map((name) => `${JSON.stringify(name)}:${JSON.stringify(entries.get(name))}`);
    yield Buffer.from((i > 0 ? ',' : '') + part.join(','));
  }
  yield Buffer.from('}');
  if (paths) {
    yield Buffer.from(',"paths":[');
    for (let i = 0; i < paths.length; i += piece) yield Buffer.from((i > 0 ? ',' : '') + paths.slice(i, i + piece).map((name) => JSON.stringify(name)).join(','));
    yield Buffer.from(']');
  }
  yield Buffer.from('}');
}

/** The entry of a file with `key`, from its stats. */
export function entryOf(key: string, stats: Stats): ManifestEntry {
  return [key, stats.size, stats.mtimeMs, stats.ino];
}

/** Whether `stats` are those of the file recorded in `entry`. */
export function sameFile(entry: ManifestEntry, stats: Stats | undefined): boolean {
  return stats !== undefined && stats.isFile() && stats.size === entry[1] && stats.mtimeMs === entry[2] && stats.ino === entry[3];
}

/** A build-wide key from parts: a hex SHA-256 (parts are joined with NUL). */
export function keyOf(...parts: ReadonlyArray<string | undefined>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part ?? '\u0001').update('\0');
  return hash.digest('hex');
}
