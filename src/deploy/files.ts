/**
 * Listing a built site: every file under the output folder, relative,
 * POSIX separators, sorted.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file of the built site. */
export interface SiteFile {
  /** Path relative to the output folder, POSIX separators. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
  /** Has an execute bit (git keeps it as mode 100755). */
  executable: boolean;
}

/**
 * Every regular file under `dir`, following symlinks (a deployed site holds
 * copies, not links), sorted by path.
 */
export async function listFiles(dir: string): Promise<SiteFile[]> {
  const files: SiteFile[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    for (const entry of await fs.readdir(abs)) {
      const childAbs = path.join(abs, entry);
      const childRel = rel ? `${rel}/${entry}` : entry;
      const stat = await fs.stat(childAbs);
      if (stat.isDirectory()) await walk(childAbs, childRel);
      else if (stat.isFile()) files.push({ path: childRel, abs: childAbs, executable: (stat.mode & 0o111) !== 0 });
    }
  }
  await walk(dir, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
