/**
 * Where `onair dev` builds: a folder kept in the build cache from one session
 * to the next, `ROOT/.onair-cache/dev/site/`, holding the output (`out/`,
 * served), what each file there was made from (`files.bin`), and the
 * session's own front matter (`matter.bin`) and post results (`results.bin`):
 * its config names the dev server's origin, so a build's would never match.
 * The next session's first build then carries over every file whose key is
 * unchanged instead of making it again.
 *
 * A session claims the folder by renaming it to `site.PID-N` (one rename: of
 * two sessions starting at once, one gets it) and gives it back on close. A
 * session that finds the folder claimed by a live process builds into a
 * temporary folder instead, as every session did before; one claimed by a
 * process that is gone (killed) is taken over. `files.bin` is exact only
 * when the session that wrote it closed (a `clean` mark beside it): after a
 * kill, every file on disk is checked against it (size, mtime, inode) and an
 * unknown or changed file is made again. Files the first build does not
 * make are deleted (`InPlaceWriter`, `inherited`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMap, saveMap } from '../util/map-file.js';
import type { FileStamp, OutputState } from '../output/in-place.js';

/** A dev session's output folder. */
export interface DevFolder {
  /** The folder built into and served (absolute). */
  outDir: string;
  /** What it holds: an earlier session's files, `inherited` (empty for a new folder). */
  outputs: OutputState;
  /** The session's cache files; none in a temporary folder (another session holds the kept one). */
  cache?: { matter: string; results: string };
  /** Records `outputs` (call between builds). */
  save(): Promise<void>;
  /** Records `outputs` and gives the folder back to the next session (a temporary one is removed). */
  release(): Promise<void>;
}

/** Layout version of `files.bin` (its entry under the key ''). */
const version = 1;
/** Folders this process claimed (two dev servers of one process, in tests, tell each other apart by these). */
const claimed = new Set<string>();
let claims = 0;

/** Claims the kept dev folder of `root`, or makes a temporary one when another live session has it. */
export async function openDevFolder(root: string): Promise<DevFolder> {
  const base = path.join(root, '.onair-cache', 'dev');
  const dir = await claim(base).catch(() => undefined);
  if (!dir) return temporaryFolder();
  const outDir = path.join(dir, 'out');
  const record = path.join(dir, 'files.bin');
  const clean = path.join(dir, 'clean');
  const outputs = await seed(outDir, record, clean);
  // From here on the folder changes: `files.bin` is no longer exact until the session closes.
  await fs.rm(clean, { force: true });
  const save = () => saveRecord(outDir, record, outputs);
  return {
    outDir,
    outputs,
    cache: { matter: path.join(dir, 'matter.bin'), results: path.join(dir, 'results.bin') },
    save,
    async release() {
      await save();
      await fs.writeFile(clean, '');
      claimed.delete(dir);
      // Given back; taken meanwhile by a session that made a new one (it found none), this one goes.
      if (!(await rename(dir, path.join(base, 'site')))) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The folder claimed (renamed to this session's name, `mine`), or undefined when a live session holds it. */
async function claim(base: string): Promise<string | undefined> {
  const mine = path.join(base, `site.${process.pid}-${++claims}`);
  // Known as this process's before it exists: another claim of this process never takes it for a dead session's.
  claimed.add(mine);
  const dir = await take(base, mine).catch((error: unknown) => {
    claimed.delete(mine);
    throw error;
  });
  if (!dir) claimed.delete(mine);
  return dir;
}

async function take(base: string, mine: string): Promise<string | undefined> {
  await fs.mkdir(base, { recursive: true });
  if (await rename(path.join(base, 'site'), mine)) return mine;
  let held = false;
  for (const name of await fs.readdir(base)) {
    const owner = /^site\.(\d+)-\d+$/.exec(name);
    if (!owner) continue;
    const full = path.join(base, name);
    // Left under this very name by a killed process that had this one's pid.
    if (full === mine) return mine;
    if (claimed.has(full) || (Number(owner[1]) !== process.pid && alive(Number(owner[1])))) held = true;
    // Left by a session that was killed: its files are checked like any others.
    else if (await rename(full, mine)) return mine;
  }
  if (held) return undefined;
  await fs.mkdir(path.join(mine, 'out'), { recursive: true });
  return mine;
}

/** A private temporary folder, removed on release (no cache of its own). */
async function temporaryFolder(): Promise<DevFolder> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'onair-dev-'));
  return { outDir, outputs: new Map(), save: async () => {}, release: () => fs.rm(outDir, { recursive: true, force: true }) };
}

/**
 * The files of `outDir` as the last session recorded them, all `inherited`:
 * taken as recorded after a clean close, else checked one by one (a file
 * that is not recorded, or changed since, has no key: it is made again or deleted).
 */
async function seed(outDir: string, record: string, clean: string): Promise<OutputState> {
  const saved = await loadMap(record);
  const outputs: OutputState = new Map();
  const entries = (saved?.get('') as { version?: unknown } | undefined)?.version === version ? saved! : undefined;
  const entryOf = (file: string) => {
    const value = entries?.get(file);
    return Array.isArray(value) && value.length === 5 ? (value as [string | null, string | null, ...FileStamp]) : undefined;
  };
  if (entries && (await fs.stat(clean).then(() => true, () => false))) {
    for (const file of entries.keys()) {
      const entry = typeof file === 'string' && file !== '' ? entryOf(file) : undefined;
      if (entry) outputs.set(file as string, { key: entry[0] ?? undefined, hash: entry[1] ?? undefined, stamp: [entry[2], entry[3], entry[4]], inherited: true });
    }
    return outputs;
  }
  const files = (await fs.readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => !entry.isDirectory());
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64).map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    const stats = await Promise.all(batch.map((file) => fs.lstat(path.join(outDir, file)).catch(() => undefined)));
    batch.forEach((file, j) => {
      const stat = stats[j];
      if (!stat) return;
      const stamp: FileStamp = [stat.size, stat.mtimeMs, stat.ino];
      const entry = stat.isFile() ? entryOf(file) : undefined;
      const same = entry && entry[2] === stamp[0] && entry[3] === stamp[1] && entry[4] === stamp[2];
      outputs.set(file, same ? { key: entry[0] ?? undefined, hash: entry[1] ?? undefined, stamp, inherited: true } : { inherited: true });
    });
  }
  return outputs;
}

/** Writes `outputs` into `record`, with the stamp of each file written since it was last seen. */
async function saveRecord(outDir: string, record: string, outputs: OutputState): Promise<void> {
  const pending = [...outputs].filter(([, entry]) => !entry.stamp);
  for (let i = 0; i < pending.length; i += 64) {
    const batch = pending.slice(i, i + 64);
    const stats = await Promise.all(batch.map(([file]) => fs.lstat(path.join(outDir, ...file.split('/'))).catch(() => undefined)));
    batch.forEach(([, entry], j) => {
      const stat = stats[j];
      if (stat) entry.stamp = [stat.size, stat.mtimeMs, stat.ino];
    });
  }
  const files = new Map<string, unknown>([['', { version }]]);
  for (const [file, entry] of outputs) if (entry.stamp) files.set(file, [entry.key ?? null, entry.hash ?? null, ...entry.stamp]);
  await saveMap(record, files);
}

/** Renames `from` to `to`; false when `from` is gone or `to` is taken. */
async function rename(from: string, to: string): Promise<boolean> {
  try {
    await fs.rename(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
}

/** Whether process `pid` runs (one of another user's counts too). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
