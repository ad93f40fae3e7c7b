/**
 * Writing scaffolded files without ever overwriting one: every path is
 * checked first (so nothing is written when one exists), then each file is
 * created with `wx`, which also fails if something appeared in between.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Thrown when scaffolding would overwrite files; `paths` are relative to the target folder. */
export class FilesExistError extends Error {
  override name = 'FilesExistError';
  /** The files that already exist, relative, POSIX separators. */
  readonly paths: string[];
  constructor(paths: string[]) {
    super(`Unexpected existing ${paths.length === 1 ? 'file' : 'files'} ${paths.map((p) => `\`${p}\``).join(', ')}: onair never overwrites files; move them away or choose another name`);
    this.paths = paths;
  }
}

/** Files to write: relative POSIX path → contents. */
export type FileMap = Record<string, string>;

/**
 * Writes `files` under `dir` (created if missing) and resolves to the
 * relative paths written. Rejects with {@link FilesExistError} before
 * writing anything when one of them exists.
 */
export async function writeNewFiles(dir: string, files: FileMap): Promise<string[]> {
  const names = Object.keys(files);
  const existing: string[] = [];
  for (const name of names) {
    if (await exists(path.join(dir, name))) existing.push(name);
  }
  if (existing.length > 0) throw new FilesExistError(existing);
  for (const name of names) {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, files[name]!, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FilesExistError([name]);
      throw error;
    }
  }
  return names;
}

/** Whether anything (file, folder, dangling symlink) is at `file`. */
export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
