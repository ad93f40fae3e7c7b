/**
 * Writes a file so readers see the old file or the whole new one, never a
 * half-written one (another process, or a build killed mid-write): a
 * temporary file beside it, then a rename. The folder is made if missing.
 */
import fs from 'node:fs/promises';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

let count = 0;

/** Writes `data` to `file` atomically (temp file + rename); the parts of an iterable are made and written one at a time. */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${threadId}-${++count}.tmp`;
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

const madeDirs = new Set<string>();

/** {@link writeFileAtomic}, synchronously (a render worker has nothing else to do meanwhile). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  // Made once per thread (a post's cache folder is shared with ~1/256 of the others); gone since (a prune): see the retry.
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const temp = `${file}.${process.pid}-${threadId}-${++count}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    madeDirs.delete(dir);
    throw error;
  }
}
