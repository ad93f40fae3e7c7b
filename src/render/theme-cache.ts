/**
 * The compiled theme for a build: compiled again only when a template file
 * changed (a long-lived process, `onair dev`, keeps it in memory), and with
 * a cache folder, the code an earlier process compiled is reused (no
 * esbuild). The saved code is keyed by every template file, onair's code
 * and where onair is installed (the code imports from there).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { onairCodeHash } from '../output/cache.js';
import { keyOf } from '../output/manifest.js';
import { writeFileAtomic } from '../util/atomic.js';
import { compiledTheme, loadTheme, type CompiledTheme } from './templates.js';

let lastTheme: { key: string; loaded: Awaited<ReturnType<typeof loadTheme>> } | undefined;

/** The theme of `templatesDir` (`templatesHash`: the hash of every template file); `cacheDir` keeps the compiled code between processes. */
export async function loadThemeOnce(templatesDir: string, root: string, templatesHash: string, cacheDir?: string): ReturnType<typeof loadTheme> {
  const key = keyOf(templatesDir, root, templatesHash);
  if (lastTheme?.key === key) return lastTheme.loaded;
  const file = cacheDir && path.join(cacheDir, `theme-${keyOf(key, onairCodeHash(), import.meta.url).slice(0, 32)}.json`);
  const saved = file ? await readCompiledTheme(file) : undefined;
  // Dates its last use, for the cache prune (a saved theme unused for a week goes).
  if (file && saved) await fs.utimes(file, new Date(), new Date()).catch(() => undefined);
  const loaded = await loadTheme(templatesDir, root, saved);
  const compiled = compiledTheme(templatesDir);
  if (file && !saved && loaded.theme && loaded.files.length === 0 && compiled) {
    await writeFileAtomic(file, JSON.stringify(compiled));
  }
  lastTheme = loaded.theme ? { key, loaded } : undefined;
  return loaded;
}

/** A theme compiled by an earlier process, or nothing when missing or unreadable. */
async function readCompiledTheme(file: string): Promise<CompiledTheme | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as CompiledTheme;
    return typeof data?.hash === 'string' && typeof data.code === 'object' && data.code !== null ? data : undefined;
  } catch {
    return undefined;
  }
}
