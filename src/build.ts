/**
 * `build()`: a site folder in, a complete static site out. The stages, in
 * order (only this file and `markdown.ts` know it):
 * 1. config and theme;
 * 2. read every post's front matter (no Markdown parsing yet), so the model
 *    (URLs, order, prev/next, taxonomies) is known before any page renders;
 * 3. routes: every output path listed; two inputs on one path are fatal;
 * 4. render each post (parse → hast → template → HTML → write) one at a time,
 *    keeping only its metadata and summary: never every page's HTML at once;
 * 5. list pages, feeds, sitemap, static files;
 * 6. commit the output (swap into place) only when nothing fatal happened.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { loadConfig } from './config.js';
import { readContentFile, walkContent, type ContentEntry } from './content/load.js';
import { createMarkdownProcessor } from './markdown.js';
import { isPublished, readPostMeta } from './model/post.js';
import { compareNewest } from './model/taxonomy.js';
import { FsWriter, type Writer } from './output/writer.js';
import { countMessages } from './report.js';
import { copyAssets } from './output/assets.js';
import { renderLists } from './render/lists.js';
import { renderPost } from './render/post.js';
import { loadTheme } from './render/templates.js';
import { checkRoutes } from './model/routes.js';
import type { BuildOptions, BuildResult, PostMeta } from './types.js';
import type { PostSummary } from './render/types.js';

/** Options of `build()` plus a writer for tests (an in-memory one, say). */
export interface BuildInternals {
  /** Where files go. Default: an atomic `FsWriter` on the output folder. */
  writer?: Writer;
  /** The build's clock (drafts/future/expired). Default: now. */
  now?: Date;
}

/** Builds a site. Never throws for content problems: they are messages in the result. */
export async function build(options: BuildOptions = {}, internals: BuildInternals = {}): Promise<BuildResult> {
  const start = performance.now();
  const root = path.resolve(options.root ?? process.cwd());
  const files: VFile[] = [];
  const overrides = { ...options.config, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
  const loaded = await loadConfig(root, overrides);
  if (loaded.file) files.push(loaded.file);
  const config = loaded.config;
  const contentDir = path.resolve(root, options.content ?? config.contentDir);
  const outDir = path.resolve(root, options.out ?? config.outDir);
  const result = (ok: boolean, pages = 0, written = 0): BuildResult => {
    const counts = countMessages(files);
    return { ok, files, pages, written, warnings: counts.warnings, errors: counts.errors, time: performance.now() - start, outDir };
  };
  const fatal = () => files.some((f) => f.messages.some((m) => m.fatal)) || (options.strict === true && countMessages(files).warnings > 0);
  if (fatal()) return result(false);

  // 1. Theme.
  const { theme, files: templateFiles } = await loadTheme(path.resolve(root, config.templatesDir), root);
  files.push(...templateFiles);
  if (!theme) return result(false);

  // 2. Front matter of every post.
  const tree = await walkContent(contentDir);
  for (const problem of tree.problems) {
    const file = new VFile({ path: path.relative(root, path.join(contentDir, problem.contentPath)).split(path.sep).join('/'), cwd: root });
    file.message(problem.reason, { ruleId: problem.ruleId, source: 'onair' });
    files.push(file);
  }
  const now = internals.now ?? new Date();
  const sources = new Map<PostMeta, VFile>();
  const entries = new Map<PostMeta, ContentEntry>();
  const all: PostMeta[] = [];
  for (const entry of tree.markdown) {
    const file = await readContentFile(entry, root);
    files.push(file);
    const meta = readPostMeta(file, entry.contentPath, config);
    if (!meta) continue;
    if (!isPublished(meta, { ...options, now })) continue;
    sources.set(meta, file);
    entries.set(meta, entry);
    all.push(meta);
  }
  // Memory: drop the text of every post until it is rendered.
  for (const file of sources.values()) file.value = '';

  // 3. Model and routes.
  // Posts live in sections; top-level pages (`content/about.md`) are standalone: no lists, no prev/next.
  const posts = all.filter((p) => p.kind === 'page' && p.section !== '').sort(compareNewest);
  const standalone = all.filter((p) => p.kind === 'page' && p.section === '');
  const sections = all.filter((p) => p.kind === 'section');
  attachResources(all, tree.other.map((e) => e.contentPath));
  checkRoutes(all, sources);
  if (fatal()) return result(false);

  // 4. Posts, one at a time.
  const writer = internals.writer ?? (await FsWriter.create(outDir));
  try {
    const processor = createMarkdownProcessor({
      unsafe: config.unsafe,
      highlight: config.highlight,
      taxonomies: config.taxonomies,
      remarkPlugins: config.remarkPlugins,
      rehypePlugins: config.rehypePlugins,
    });
    const summaries = new Map<PostMeta, PostSummary>();
    let pages = 0;
    for (const [index, post] of posts.entries()) {
      const file = sources.get(post)!;
      const fresh = await readContentFile(entries.get(post)!, root);
      file.value = fresh.value;
      summaries.set(post, await renderPost({ post, file, processor, theme, config, writer, prev: posts[index + 1], next: posts[index - 1] }));
      file.value = '';
      pages++;
      options.onProgress?.(index + 1, posts.length);
    }

    for (const post of standalone) {
      const file = sources.get(post)!;
      file.value = (await readContentFile(entries.get(post)!, root)).value;
      await renderPost({ post, file, processor, theme, config, writer });
      file.value = '';
      pages++;
    }

    // 5. Lists, feeds, assets.
    pages += await renderLists({ posts: posts.map((p) => summaries.get(p)!), sections, theme, config, writer, files, sources, processor, root, tree });
    await copyAssets({ root, config, writer, contentDir, tree, posts: all });

    if (fatal()) {
      await writer.abort();
      return result(false, pages);
    }
    await writer.commit();
    return result(true, pages, writer.paths.size);
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Files of a page bundle (`post/x/index.md` and the files beside it) belong to that page. */
function attachResources(posts: PostMeta[], others: string[]): void {
  const bundles = new Map<string, PostMeta>();
  for (const post of posts) {
    const base = post.contentPath.split('/').pop();
    if (base === 'index.md' || base === '_index.md') bundles.set(post.contentPath.slice(0, -base.length), post);
  }
  for (const other of others) {
    const dir = other.slice(0, other.lastIndexOf('/') + 1);
    const owner = bundles.get(dir);
    if (owner) owner.resources.push(other);
  }
}
