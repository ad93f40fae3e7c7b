/**
 * `onair init`: writes a new site into a folder, or adds a host recipe to an
 * existing site, never overwriting a file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { configFileNames } from '../config.js';
import { hostRecipe, type Host } from './recipes.js';
import { siteFiles } from './site.js';
import { localDay, slugify } from './slug.js';
import { exists, writeNewFiles } from './write.js';

/** Options of {@link initSite}. */
export interface InitOptions {
  /** Folder of the new site (created if missing). */
  dir: string;
  /** Also write this host's recipe. */
  host?: Host;
  /** Creation time. Default now. */
  now?: Date;
}

/** What {@link initSite} did. */
export interface InitResult {
  /** Files written, relative to `dir`, POSIX separators. */
  written: string[];
  /** True when `dir` already held a site, so only the recipe was added. */
  recipeOnly: boolean;
}

/**
 * Writes the site files (and the host recipe) into `dir`. When `dir` already
 * holds an onair site and a host is given, only the recipe is written.
 * Rejects with `FilesExistError`, writing nothing, when any file exists.
 */
export async function initSite(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  const now = options.now ?? new Date();
  const name = slugify(path.basename(dir)) || 'my-site';
  const recipe = options.host ? hostRecipe(options.host, { name, day: localDay(now) }) : {};
  let hasSite = false;
  for (const name of configFileNames) hasSite ||= await exists(path.join(dir, name));
  const recipeOnly = hasSite && options.host !== undefined;
  const files = recipeOnly ? recipe : { ...siteFiles({ name, title: path.basename(dir) || 'My site', now }), ...recipe };
  await fs.mkdir(dir, { recursive: true });
  return { written: await writeNewFiles(dir, files), recipeOnly };
}
