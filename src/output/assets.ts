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

/** A file copied as it is that cannot be published under its name, or not at all (path relative to the site root). */
export interface AssetProblem {
  file: string;
  ruleId: 'reserved-name' | 'duplicate-output';
  reason: string;
}

/**
 * What already holds an output path: the same path written by a page (which
 * wins), a folder of other outputs, or a file where the path needs a folder.
 * Copying over any of them would replace a page or fail with `EISDIR`.
 */
class Clashes {
  /** Files written, and the folders holding them: the pages' first, then each copied file's. */
  readonly #paths = new Set<string>();
  readonly #dirs = new Set<string>();

  constructor(writer: Writer) {
    for (const written of writer.paths) this.add(written);
  }

  /** Records a file just written. */
  add(file: string): void {
    this.#paths.add(file);
    for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) this.#dirs.add(file.slice(0, i));
  }

  /** Why `file` cannot be copied, or undefined when it can. */
  of(file: string): string | undefined {
    if (this.#paths.has(file)) return `the output \`${file}\` is already written by the site (a page or feed)`;
    if (this.#dirs.has(file)) return `the output \`${file}\` is a folder of the site's pages`;
    for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) {
      if (this.#paths.has(file.slice(0, i))) return `the output \`${file.slice(0, i)}\` is a file, so \`${file}\` cannot be inside it`;
    }
    return undefined;
  }
}

/** Copies assets, static files and bundle resources into the output; returns the problems of static files. */
export async function copyAssets(input: AssetsInput): Promise<AssetProblem[]> {
  const problems: AssetProblem[] = [];
  const { root, config, writer } = input;
  const clashes = new Clashes(writer);
  /** Copies `from` to `to` unless that would replace or break another output; the page wins, the file is reported. */
  const copy = async (from: string, to: string) => {
    const why = clashes.of(to);
    if (!why) {
      await writer.copy(from, to);
      clashes.add(to);
      return;
    }
    const file = path.relative(root, from).split(path.sep).join('/');
    problems.push({ file, ruleId: 'duplicate-output', reason: `Unexpected file on a path the site already uses: ${why}; it is not copied; rename or move the file` });
  };
  const assets = new Map<string, string>();
  for (const dir of [path.join(defaultTemplatesDir, 'assets'), path.resolve(root, config.templatesDir, 'assets')]) {
    for (const file of listFiles(dir)) assets.set(file, path.join(dir, file));
  }
  for (const [file, from] of assets) await copy(from, `assets/${file}`);

  const staticDir = path.resolve(root, config.staticDir);
  for (const file of listFiles(staticDir)) {
    const reason = reservedFileReason(file);
    if (reason) problems.push({ file: path.relative(root, path.join(staticDir, file)).split(path.sep).join('/'), ruleId: 'reserved-name', reason });
    await copy(path.join(staticDir, file), file);
  }

  const owned = new Set<string>();
  for (const post of input.posts) {
    const bundleDir = post.contentPath.slice(0, post.contentPath.lastIndexOf('/') + 1);
    const outDir = post.outputPath.slice(0, post.outputPath.lastIndexOf('/') + 1);
    for (const resource of post.resources) {
      owned.add(resource);
      await copy(path.join(input.contentDir, resource), outDir + resource.slice(bundleDir.length));
    }
  }
  // Hugo: every file under a leaf bundle's folder (`images/feature.jpg` too) is its resource, published beside the page; the build attaches only the files right beside `index.md`.
  const leaves = new Map<string, string>();
  for (const post of input.posts) {
    if (!post.contentPath.endsWith('/index.md')) continue;
    leaves.set(post.contentPath.slice(0, -'index.md'.length), post.outputPath.slice(0, post.outputPath.lastIndexOf('/') + 1));
  }
  // A bundle that is not published (draft, future, expired, headless) publishes none of its files either.
  const hidden = new Map<string, string>();
  for (const entry of input.tree.markdown) {
    const dir = entry.contentPath.endsWith('/index.md') ? entry.contentPath.slice(0, -'index.md'.length) : undefined;
    if (dir !== undefined && !leaves.has(dir)) hidden.set(dir, '');
  }
  for (const entry of input.tree.other) {
    if (owned.has(entry.contentPath) || leafOf(entry.contentPath, hidden)) continue;
    const leaf = leafOf(entry.contentPath, leaves);
    await copy(entry.absolute, leaf ? leaf.outDir + entry.contentPath.slice(leaf.dir.length) : entry.contentPath);
  }
  return problems;
}

/** The leaf bundle (content folder → output folder) a content file is under, if any. */
function leafOf(contentPath: string, leaves: ReadonlyMap<string, string>): { dir: string; outDir: string } | undefined {
  for (let end = contentPath.lastIndexOf('/'); end > 0; end = contentPath.lastIndexOf('/', end - 1)) {
    const dir = contentPath.slice(0, end + 1);
    const outDir = leaves.get(dir);
    if (outDir !== undefined) return { dir, outDir };
  }
  return undefined;
}
