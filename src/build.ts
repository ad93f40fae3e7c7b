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
import { processBody, renderPost, type RenderedPost } from './render/post.js';
import { buildTaxonomies } from './model/taxonomy.js';
import { feedUrls } from './output/feeds.js';
import { createSearchIndex } from './search/pagefind.js';
import { joinBase } from './util/url.js';
import type { ElementContent } from 'hast';
import { loadTheme } from './render/templates.js';
import { checkRoutes } from './model/routes.js';
import type { BuildOptions, BuildResult, PostMeta } from './types.js';

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
  const sectionPages = all.filter((p) => p.kind === 'section');
  attachResources(all, tree.other.map((e) => e.contentPath));
  const { taxonomies, warnings } = buildTaxonomies(posts, config.taxonomies);
  for (const warning of warnings) {
    const file = [...sources.values()].find((f) => f.path === warning.sourcePath);
    file?.message(warning.reason, { ruleId: warning.ruleId, source: 'onair' });
  }
  checkRoutes(all, sources);
  if (fatal()) return result(false);
  // Feeds carry full content: keep the feed HTML of just the posts some feed shows.
  const limit = config.feeds.limit || Infinity;
  const inFeed = new Set<PostMeta>(posts.slice(0, limit));
  for (const taxonomy of taxonomies) for (const term of taxonomy.terms) for (const post of term.posts.slice(0, limit)) inFeed.add(post);
  for (const section of new Set(posts.map((p) => p.section))) for (const post of posts.filter((p) => p.section === section).slice(0, limit)) inFeed.add(post);

  // 4. Posts, one at a time.
  const writer = internals.writer ?? (await FsWriter.create(outDir));
  const search = options.search === false ? undefined : await createSearchIndex({ language: config.language });
  const index = search ? async (url: string, html: string) => void (await search.add(encodeURI(joinBase(config.basePath, url)), html)) : undefined;
  try {
    const processor = createMarkdownProcessor({
      unsafe: config.unsafe,
      highlight: config.highlight,
      taxonomies: config.taxonomies,
      remarkPlugins: config.remarkPlugins,
      rehypePlugins: config.rehypePlugins,
    });
    const feeds = [{ title: config.title, ...feedUrls('/') }];
    const rendered = new Map<PostMeta, RenderedPost>();
    let pages = 0;
    const load = async (post: PostMeta) => {
      const file = sources.get(post)!;
      file.value = (await readContentFile(entries.get(post)!, root)).value;
      return file;
    };
    for (const [i, post] of posts.entries()) {
      const file = await load(post);
      rendered.set(post, await renderPost({ post, file, processor, theme, config, writer, prev: posts[i + 1], next: posts[i - 1], feed: inFeed.has(post), feeds, index }));
      file.value = '';
      pages++;
      options.onProgress?.(i + 1, posts.length);
    }
    for (const post of standalone) {
      const file = await load(post);
      await renderPost({ post, file, processor, theme, config, writer, feeds, index });
      file.value = '';
      pages++;
    }
    const sections = [];
    for (const meta of sectionPages) {
      const file = await load(meta);
      sections.push({ meta, intro: (await processBody(processor, file)).children as ElementContent[] });
      file.value = '';
    }

    // 5. Lists, feeds, sitemap, assets, search.
    pages += await renderLists({
      posts: posts.map((p) => rendered.get(p)!),
      sections,
      taxonomies,
      pageUrls: [...posts, ...standalone].map((p) => ({ url: p.url, lastmod: p.lastmod ?? p.date })),
      theme,
      config,
      writer,
    });
    await copyAssets({ root, config, writer, contentDir, tree, posts: all });

    if (fatal()) {
      await search?.discard();
      await writer.abort();
      return result(false, pages);
    }
    if (search) await search.write(writer);
    await writer.commit();
    return result(true, pages, writer.paths.size);
  } catch (error) {
    await search?.discard();
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
