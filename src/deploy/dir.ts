/**
 * `onair deploy dir PATH`: replaces a folder (a web server's document root, a
 * synced folder) with the built site. The copy goes into a sibling temp
 * folder first; the old folder stays until the new one is complete.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertBuiltSite } from './check.js';
import { DeployError } from './errors.js';
import { listFiles } from './files.js';

/** Options of {@link deployDir}. */
export interface DeployDirOptions {
  /** The built site. */
  outDir: string;
  /** Folder to replace (created if missing). */
  target: string;
}

/** What {@link deployDir} did. */
export interface DeployDirResult {
  /** Files copied. */
  files: number;
  /** Bytes copied. */
  bytes: number;
}

/**
 * Copies `outDir` to a temp folder beside `target`, then swaps it in with two
 * renames (old out of the way, new in; the old is put back if the second
 * fails), then deletes the old folder. Files gone from the site are gone
 * from the target. Rejects with a `DeployError` for a missing build or a
 * target that overlaps the output.
 */
export async function deployDir(options: DeployDirOptions): Promise<DeployDirResult> {
  const outDir = path.resolve(options.outDir);
  const target = path.resolve(options.target);
  await assertBuiltSite(outDir);
  if (isInside(target, outDir) || isInside(outDir, target)) {
    throw new DeployError(`Unexpected target \`${target}\` overlapping the output folder \`${outDir}\`, expected a separate folder`);
  }
  const old = await fs.stat(target).catch(() => undefined);
  if (old && !old.isDirectory()) throw new DeployError(`Unexpected file at \`${target}\`, expected a folder (or nothing)`);
  const parent = path.dirname(target);
  await fs.mkdir(parent, { recursive: true });
  const base = `.${path.basename(target)}.onair-`;
  const fresh = await fs.mkdtemp(path.join(parent, base));
  let result: DeployDirResult;
  try {
    result = await copyTree(outDir, fresh);
    // mkdtemp makes the folder private (0700); a document root must stay readable.
    await fs.chmod(fresh, old ? old.mode & 0o7777 : 0o755);
  } catch (error) {
    await fs.rm(fresh, { recursive: true, force: true });
    throw error;
  }
  if (!old) {
    await fs.rename(fresh, target);
    return result;
  }
  const retired = `${fresh}-old`;
  await fs.rename(target, retired);
  try {
    await fs.rename(fresh, target);
  } catch (error) {
    await fs.rename(retired, target);
    await fs.rm(fresh, { recursive: true, force: true });
    throw error;
  }
  await fs.rm(retired, { recursive: true, force: true });
  return result;
}

async function copyTree(from: string, to: string): Promise<DeployDirResult> {
  let bytes = 0;
  const files = await listFiles(from);
  for (const file of files) {
    const dest = path.join(to, ...file.path.split('/'));
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(file.abs, dest);
    bytes += (await fs.stat(dest)).size;
  }
  return { files: files.length, bytes };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
