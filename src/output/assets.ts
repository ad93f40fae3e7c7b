/**
 * Files copied as they are: the theme's assets (a site's own
 * `templates/assets/` overriding the default's by name), `static/`, and the
 * resources of page bundles.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ContentTree } from '../content/load.js';
import { defaultTemplatesDir } from '../render/templates.js';
import { reservedFileReason } from '../model/reserved.js';
import type { PostMeta, SiteConfig } from '../types.js';
import type { Writer } from './writer.js';

/** What `copyAssets` needs. */
export interface AssetsInput {
  root: string;
  config: SiteConfig;
  writer: Writer;
  contentDir: string;
  tree: ContentTree;
  posts: readonly PostMeta[];
}

/** Placeholder and system files never published. */
const IGNORED = new Set(['.gitkeep', '.DS_Store', 'Thumbs.db']);

/** Lists files under `dir` (relative POSIX paths), sorted; empty when missing. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() && !IGNORED.has(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A file copied as it is that cannot be published under its name (path relative to the site root). */
export interface AssetProblem {
  file: string;
  ruleId: 'reserved-name';
  reason: string;
}

/** Copies assets, static files and bundle resources into the output; returns the problems of static files. */
export async function copyAssets(input: AssetsInput): Promise<AssetProblem[]> {
  const problems: AssetProblem[] = [];
  const { root, config, writer } = input;
  const assets = new Map<string, string>();
  for (const dir of [path.join(defaultTemplatesDir, 'assets'), path.resolve(root, config.templatesDir, 'assets')]) {
    for (const file of listFiles(dir)) assets.set(file, path.join(dir, file));
  }
  for (const [file, from] of assets) await writer.copy(from, `assets/${file}`);

  const staticDir = path.resolve(root, config.staticDir);
  for (const file of listFiles(staticDir)) {
    const reason = reservedFileReason(file);
    if (reason) problems.push({ file: path.relative(root, path.join(staticDir, file)).split(path.sep).join('/'), ruleId: 'reserved-name', reason });
    if (!writer.paths.has(file)) await writer.copy(path.join(staticDir, file), file);
  }

  const owned = new Set<string>();
  for (const post of input.posts) {
    const bundleDir = post.contentPath.slice(0, post.contentPath.lastIndexOf('/') + 1);
    const outDir = post.outputPath.slice(0, post.outputPath.lastIndexOf('/') + 1);
    for (const resource of post.resources) {
      owned.add(resource);
      await writer.copy(path.join(input.contentDir, resource), outDir + resource.slice(bundleDir.length));
    }
  }
  for (const entry of input.tree.other) {
    if (!owned.has(entry.contentPath) && !writer.paths.has(entry.contentPath)) await writer.copy(entry.absolute, entry.contentPath);
  }
  return problems;
}
