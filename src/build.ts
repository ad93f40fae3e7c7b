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
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { loadConfig } from './config.js';
import { readContentFile, walkContent, type ContentEntry } from './content/load.js';
import { isPublished } from './model/post.js';
import { PostReader } from './model/post-reader.js';
import { compareNewest } from './model/taxonomy.js';
import { DirWriter, type Writer } from './output/writer.js';
import { FsWriter, recoverOutput } from './output/staged-writer.js';
import { keyOf, manifestPath } from './output/manifest.js';
import { countMessages } from './report.js';
import { copyAssets } from './output/assets.js';
import { renderLists } from './render/lists.js';
import type { RenderedPost, RenderEnv } from './render/post.js';
import { postLink, restoreMessages, type PostResult, type PostTask } from './render/task.js';
import { createPostPool, type PostPool } from './render/pool.js';
import { PoolKeeper } from './render/pool-keeper.js';
import { InPlaceWriter } from './output/in-place.js';
import { onairCodeHash, PostCache } from './output/cache.js';
import { templateKeys } from './render/template-keys.js';
import { defaultTemplatesDir, TemplateError, templateErrorReason } from './render/templates.js';
import { buildTaxonomies, taxonomyUrls } from './model/taxonomy.js';
import { menuPlace, termPlace } from './model/matter-place.js';
import { buildMenus } from './model/menus.js';
import { feedUrls } from './output/feeds.js';
import { startSearch, type RunningSearch } from './search/stage.js';
import type { ElementContent } from 'hast';
import { loadThemeOnce } from './render/theme-cache.js';
import { checkRoutes } from './model/routes.js';
import { sectionLists } from './model/section-lists.js';
import { siteShortcodes } from './hugo/shortcodes.js';
import { postKey, renderEarly, sortKey, termsOf, type RenderPlan } from './render/early.js';
import type { BuildOptions, BuildResult, PostMeta, SiteConfig, UserConfig } from './types.js';
import { HeapGuard } from './util/heap.js';

/** Options of `build()` plus a writer for tests (an in-memory one, say). */
export interface BuildInternals {
  /** Where files go. Default: an atomic `FsWriter` on the output folder. */
  writer?: Writer;
  /** The build's clock (drafts/future/expired). Default: now. */
  now?: Date;
  /** Keeps render workers alive across builds (`onair dev`); the caller closes it. */
  pools?: PoolKeeper;
  /** Post results of earlier builds by key, in memory (`onair dev`): no cache read for them. */
  results?: Map<string, PostResult>;
  /** Remembers front matter across builds (`onair dev`). */
  reader?: PostReader;
  /** Files known not to have changed since the last build (a watcher says so): their front matter is reused without a stat. */
  unchanged?: (absolute: string) => boolean;
  /**
   * Called once with the output paths changed so far (in-place writers only):
   * as soon as the posts whose sources changed (see `unchanged`) are written,
   * or else when every post page is. The build waits for the returned promise
   * (a dev server lets the reloaded tabs fetch their pages first).
   */
  onPosts?: (changed: string[]) => void | Promise<void>;
  /** Keep the search index and feeds of the previous build instead of making them (`onair dev` refreshes them when idle). In-place writers only. */
  deferSearch?: boolean;
  /** Stops the build between stages (and between pages of the search index): it ends with `ok: false` and no messages. */
  signal?: AbortSignal;
  /**
   * What the last build knew of each post, kept across builds (`onair dev`,
   * with `unchanged` and `onPosts`): a saved post that keeps its place is
   * rendered and reloaded before the others' front matter is read (`render/early.ts`).
   */
  plan?: { current?: RenderPlan };
  /** Most pages per search bundle (default 600, `search/shards.ts`): tests lower it to get shards from a few posts. */
  searchShardCapacity?: number;
  /** Where the build keeps the pool it started before the theme (a cold build): tests look at it. */
  started?: { pool?: PostPool };
}

/** Builds a site. Never throws for content problems: they are messages in the result. */
export async function build(options: BuildOptions = {}, internals: BuildInternals = {}): Promise<BuildResult> {
  const started = internals.started ?? {};
  try {
    return await buildSite(options, internals, started);
  } finally {
    // Started early and not used (a build that stopped before its posts), or used and closed already.
    await started.pool?.close();
  }
}

async function buildSite(options: BuildOptions, internals: BuildInternals, started: { pool?: PostPool }): Promise<BuildResult> {
  const start = performance.now();
  // Milliseconds per stage, in `result.timings` (for `--timings`-style reports and the benchmark).
  const timings: Record<string, number> = {};
  let lap = start;
  const mark = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (now - lap);
    lap = now;
  };
  const root = path.resolve(options.root ?? process.cwd());
  const files: VFile[] = [];
  // The build thread's heap, kept near what is live while it reads and gathers every post (see `HeapGuard`).
  const heap = new HeapGuard();
  // `out` and `content` are settings like any other: the config check refuses an output folder that would replace the site's own.
  const folders = { ...(options.out !== undefined ? { outDir: path.resolve(root, options.out) } : {}), ...(options.content !== undefined ? { contentDir: path.resolve(root, options.content) } : {}) };
  const overrides = { ...options.config, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...folders };
  const loaded = await loadConfig(root, overrides);
  if (loaded.file) files.push(loaded.file);
  const config = loaded.config;
  const contentDir = path.resolve(root, config.contentDir);
  const outDir = path.resolve(root, config.outDir);
  const result = (ok: boolean, pages = 0, written = 0, reused?: number): BuildResult => {
    const counts = countMessages(files);
    // Not a stage: the time the heap guard's collections took, all stages together.
    if (heap.collections > 0) timings['heap collections'] = heap.time;
    return { ok, files, pages, written, warnings: counts.warnings, errors: counts.errors, time: performance.now() - start, outDir, timings, ...(reused === undefined ? {} : { reused }) };
  };
  const fatal = () => files.some((f) => f.messages.some((m) => m.fatal)) || (options.strict === true && countMessages(files).warnings > 0);
  // A build killed mid-swap left the previous output retired: put it back even if this build fails early.
  if (!internals.writer) await recoverOutput(outDir);
  if (fatal()) return result(false);
  const cache = new PostCache(path.join(root, '.onair-cache'), options.cache !== false);
  const templatesDir = path.resolve(root, config.templatesDir);

  // 0. A build that renders every post (no results cached) starts its render
  // workers now: they load their code while this thread compiles the theme
  // and reads the front matter, and get the rest of their setup then.
  const walked = !internals.writer && !internals.pools && !internals.results && cache.cold() ? await walkContent(contentDir) : undefined;
  const earlyThreads = walked ? poolSize(options, 'to come', walked.markdown.length, overrides) : 0;
  if (earlyThreads > 0) started.pool = createPostPool({ root, overrides, templatesDir, contentDir, deferred: true }, { threads: earlyThreads, budget: options.budget ?? 60_000, posts: walked!.markdown.length });

  // 1. Theme.
  const templates = templateKeys([defaultTemplatesDir, templatesDir]);
  const { theme, files: templateFiles } = await loadThemeOnce(templatesDir, root, templates.all, options.cache !== false ? path.join(root, '.onair-cache') : undefined);
  files.push(...templateFiles);
  if (!theme) return result(false);

  mark('config+theme');
  const now = internals.now ?? new Date();
  // Front matter read by an earlier build (in this process, or saved in the cache) is reused while its file is unchanged.
  const readerFile = path.join(root, '.onair-cache', 'matter.bin');
  const reader = internals.reader ?? (options.cache !== false ? await PostReader.load(readerFile) : new PostReader());
  // onair's code is part of it: front matter read by another onair (which may read it differently) is read again.
  const configKey = siteKey(config);
  // `onair dev`: a saved post that keeps its place goes to disk (and its tab reloads) before anything else is read.
  const plan = internals.plan?.current;
  if (internals.plan) internals.plan.current = undefined;
  const earlyResults: Array<[string, PostResult]> = [];
  let reloaded = false;
  if (plan && internals.unchanged && internals.onPosts && internals.writer instanceof InPlaceWriter) {
    const writer = internals.writer;
    const unchanged = internals.unchanged;
    const count = await renderEarly({
      plan,
      changed: (absolute) => !unchanged(absolute),
      reader,
      writer,
      root,
      config,
      configKey,
      templates: templates.all,
      cache,
      options,
      now,
      accept: (key, output) => {
        for (const name of output.files ?? []) writer.adopt(name, key);
        internals.results?.set(key, output);
        earlyResults.push([key, output]);
      },
    });
    if (count > 0 && !internals.signal?.aborted) {
      reloaded = true;
      mark('early render');
      timings['until first page'] = performance.now() - start;
      await internals.onPosts([...writer.changed].sort());
      mark('waiting for tabs');
    }
  }
  // 2. Front matter of every post.
  const tree = walked ?? (await walkContent(contentDir));
  for (const problem of tree.problems) {
    const file = new VFile({ path: path.relative(root, path.join(contentDir, problem.contentPath)).split(path.sep).join('/'), cwd: root });
    file.message(problem.reason, { ruleId: problem.ruleId, source: 'onair' });
    files.push(file);
  }
  const sources = new Map<PostMeta, VFile>();
  const entries = new Map<PostMeta, ContentEntry>();
  // The text is read again only for posts that must be rendered: the key uses its digest.
  const digests = new Map<PostMeta, string>();
  // And the metadata by its digest (made once per read, not per build).
  const metaKeys = new Map<PostMeta, string>();
  const all: PostMeta[] = [];
  // Read in batches: the stats (and the reads of changed files) of a batch overlap on the thread pool; results stay in path order.
  const batch = 32;
  for (let i = 0; i < tree.markdown.length; i += batch) {
    const slice = tree.markdown.slice(i, i + batch);
    const reads = await Promise.all(slice.map((entry) => reader.read(entry, root, config, configKey, internals.unchanged?.(entry.absolute))));
    slice.forEach((entry, j) => accept(entry, reads[j]!));
    heap.check();
  }
  function accept(entry: ContentEntry, { file, meta, digest, metaKey }: Awaited<ReturnType<PostReader['read']>>): void {
    // Memory: the text is read again when the post is rendered. Dropped now, it dies young (in a scavenge)
    // instead of being promoted with every other post's text and piling up in the old generation.
    file.value = '';
    files.push(file);
    if (!meta) return;
    if (!isPublished(meta, { ...options, now })) return;
    sources.set(meta, file);
    digests.set(meta, digest);
    metaKeys.set(meta, metaKey);
    entries.set(meta, entry);
    all.push(meta);
  }
  reader.retain(new Set(tree.markdown.map((entry) => entry.absolute)));
  // Without the cache, what a reader of this build alone remembers is never used again: not held while the posts render.
  // (With it, the memo is saved at the end: serialized here, its 16 MB buffer left the process 20 MB larger while the posts rendered.)
  if (!internals.reader && options.cache === false) reader.release();
  mark('front matter');

  // 3. Model and routes.
  // Posts live in sections; top-level pages (`content/about.md`) are standalone: no lists, no prev/next.
  const posts = all.filter((p) => p.kind === 'page' && p.section !== '').sort(compareNewest);
  const standalone = all.filter((p) => p.kind === 'page' && p.section === '');
  const sectionPages = all.filter((p) => p.kind === 'section');
  attachResources(all, tree.other.map((e) => e.contentPath));
  const { taxonomies, warnings } = buildTaxonomies(posts, config.taxonomies);
  const bySource = new Map([...sources].map(([meta, file]) => [file.path, { file, entry: entries.get(meta)! }]));
  for (const warning of warnings) {
    const found = bySource.get(warning.sourcePath);
    if (!found) continue;
    const place = await termPlace(found.entry, root, config, warning.taxonomy, warning.term);
    found.file.message(warning.reason, { place, ruleId: warning.ruleId, source: 'onair' });
  }
  checkRoutes(all, sources, { taxonomies: config.taxonomies, pageSize: config.pageSize, params: config.params });
  // Every page shows the menus: made from the published pages only (no draft joins one), part of every page's key.
  const { menus, problems: menuProblems } = buildMenus(config, all);
  for (const problem of menuProblems) {
    const found = bySource.get(problem.sourcePath);
    if (!found) continue;
    const place = await menuPlace(found.entry, root, config, problem.path);
    found.file.message(problem.reason, { place, ruleId: problem.ruleId, source: 'onair' });
  }
  mark('model');
  // Even with front matter or route errors, the posts that read fine are
  // rendered (into the staging folder, which is then dropped), so one run
  // reports every problem of every post.
  // Feeds carry full content: keep the feed HTML of just the posts some feed shows.
  const limit = config.feeds.limit || Infinity;
  const inFeed = new Set<PostMeta>(posts.slice(0, limit));
  for (const taxonomy of taxonomies) for (const term of taxonomy.terms) for (const post of term.posts.slice(0, limit)) inFeed.add(post);
  // Each section's feed, a nested section's (`post/series/_index.md`) too.
  for (const list of sectionLists(posts, sectionPages, taxonomyUrls(taxonomies))) for (const post of list.posts.slice(0, limit)) inFeed.add(post);

  // 4. Posts: each rendered and written as soon as it is processed.
  // The last build's results in one file (a long-lived process keeps them in `results` instead).
  if (!internals.results) await cache.load();
  const writer = internals.writer ?? (await FsWriter.create(outDir, { manifest: cache.enabled ? manifestPath(cache.dir, outDir) : undefined }));
  let search: RunningSearch | undefined;
  try {
    // Shortcodes: the site's own, and `ref` resolved against every published page (known since stage 3).
    const refPages = all.map((p) => ({ contentPath: p.contentPath, url: p.url }));
    const site = await siteShortcodes({ root, config, contentDir, pages: refPages });
    files.push(...site.files);
    // The Markdown pipeline is loaded on first use: a build with every post cached never loads it.
    let env: Promise<RenderEnv & { render: typeof import('./render/post.js') }> | undefined;
    const getEnv = () =>
      (env ??= Promise.all([import('./markdown.js'), import('./render/post.js')]).then(([markdown, render]) => ({
        processor: markdown.createSiteProcessor(config, site.options),
        theme,
        config,
        writer,
        render,
      })));
    const threads = poolSize(options, writer, posts.length + standalone.length, overrides);
    // The pool starts on the first cache miss: a fully cached rebuild starts no worker.
    // Keys: what every output depends on besides its own inputs.
    const siteSalt = configKey;
    // Not the site map: a post that links to others with `ref` records what it looked up, checked on reuse (`sameRefs`).
    const salt = keyOf(siteSalt, templates.pages.post);
    let pool: PostPool | undefined;
    const init = writer instanceof DirWriter ? { root, overrides, templatesDir, stagingDir: writer.dir, contentDir, pages: refPages } : undefined;
    const create = () => createPostPool(init!, { threads, budget: options.budget ?? 60_000, posts: posts.length + standalone.length });
    // A kept pool is asked for by its key each time (the next build's early render asks too).
    const keptPool = (() => {
      if (threads === 0 || !init || !internals.pools) return undefined;
      const keeper = internals.pools;
      // Not the pages: a kept pool is given new ones (a post added in `onair dev` does not restart the workers).
      const poolKey = keyOf(siteSalt, templates.all, JSON.stringify({ ...init, pages: undefined }), String(threads));
      return () => {
        const kept = keeper.get(poolKey, create);
        kept.setPages(refPages);
        return kept;
      };
    })();
    /** The pool started early, given the rest of its setup. */
    const adoptEarly = () => {
      started.pool?.setup({ stagingDir: init!.stagingDir, pages: init!.pages });
      return started.pool;
    };
    const getPool = () => {
      if (threads === 0 || !init) return undefined;
      pool ??= keptPool?.() ?? adoptEarly() ?? create();
      return pool;
    };
    const feeds = [{ title: config.title, ...feedUrls('/') }];
    const rendered = new Map<PostMeta, RenderedPost>();
    const used = new Set<string>();
    // Output files of this build's posts (checked against the early ones).
    const made = new Set<string>();
    let done = 0;
    const total = posts.length + standalone.length;
    const renderOne = async (post: PostMeta, task: Omit<PostTask, 'post' | 'text'>) => {
      const file = sources.get(post)!;
      // The metadata is its digest plus what the build adds to it (the bundle's files).
      const key = postKey(cache, salt, { metaKey: metaKeys.get(post), resources: post.resources, digest: digests.get(post), feeds, task });
      let output = await fromCache(key, post.sourcePath);
      let madeFrom: string | undefined = key;
      if (!output) {
        // The thread that renders reads the text (and tells when it was edited since its front matter was read) and writes the cache entry.
        const source = { entry: entries.get(post)!, root, digest: digests.get(post)! };
        output = await render({ post, source, feeds, ...task, cache: cache.paths(key) }, key);
        // Edited meanwhile: rendered, but never under the old text's key.
        if (output.stale) madeFrom = undefined;
      }
      restoreMessages(file, output.messages);
      if (earlyResults.length > 0) for (const name of output.files ?? []) made.add(name);
      // Lists, feeds and the search index show what the refs resolved to: it is part of the key they see.
      const listed = madeFrom && output.refs ? keyOf(madeFrom, JSON.stringify(output.refs)) : madeFrom;
      if (output.stats) {
        // With the cache on, a post's feed HTML stays in its cache entry until a feed is made (see `RenderedPost`); a kept process (`onair dev`) has it at hand.
        const feedKey = task.feed && cache.enabled && madeFrom !== undefined ? madeFrom : undefined;
        const feedHtml = feedKey !== undefined && !internals.results ? undefined : output.feedHtml;
        // Own fields first: with the spreads first, V8 gave each of these objects a map of its own (10,000 maps, 9 MB at 10,000 posts).
        rendered.set(post, { feedHtml, feedKey, key: listed, ...post, ...output.stats });
      }
      heap.check();
      options.onProgress?.(++done, total);
    };
    /** Whether every `ref` a cached post looked up still resolves the same (a page added, moved or gone changes that). */
    const sameRefs = (cached: PostResult, from: string) => !cached.refs || cached.refs.every(([target, url]) => (site.options.resolveRef?.(target, from) ?? null) === url);
    /** A cached result, its files carried over from the previous output or written from the cache. */
    const fromCache = async (key: string, from: string): Promise<PostResult | undefined> => {
      used.add(key);
      const cached = internals.results?.get(key) ?? (await cache.get(key));
      if (!cached || !sameRefs(cached, from)) return undefined;
      internals.results?.set(key, cached);
      const missing: string[] = [];
      for (const name of cached.files ?? []) if (!(await writer.reuse(name, key))) missing.push(name);
      if (missing.length === 0) return cached;
      const data = await cache.files(key);
      if (!data || missing.some((name) => typeof data[name] !== 'string')) return undefined;
      for (const name of missing) await writer.write(name, data[name], key);
      return cached;
    };
    const render = async (job: PostTask, key: string | undefined): Promise<PostResult> => {
      const workers = getPool();
      const output = workers ? await workers.run(job) : await getEnv().then((e) => e.render.runPostTask(job, e));
      fresh++;
      const made = output.stale ? undefined : key;
      for (const name of output.files ?? []) writer.adopt(name, made);
      if (made && output.stats && !output.messages.some((m) => m.fatal)) {
        internals.results?.set(made, output);
        // Written into the cache with the page (`job.cache`).
        cache.adopt(made, output);
      }
      return output;
    };
    for (const [key, output] of earlyResults) cache.adopt(key, output);
    // Posts rendered by this build so far (not from a cache).
    let fresh = 0;
    const order = new Map(posts.map((post, i) => [post, i]));
    /** A post's menus, neighbours and feed flag (menus only for a standalone page). */
    const taskOf = (post: PostMeta): Pick<PostTask, 'menus' | 'prev' | 'next' | 'feed'> => {
      const i = order.get(post);
      return i === undefined ? { menus } : { menus, prev: postLink(posts[i + 1]), next: postLink(posts[i - 1]), feed: inFeed.has(post) };
    };
    // Posts whose source changed (a watcher says which) go first: the tab showing one reloads before the rest is done.
    const edited = (post: PostMeta) => internals.unchanged?.(entries.get(post)!.absolute) === false;
    let early = false;
    try {
      const jobs = [...posts, ...standalone].map((post) => ({ post, run: () => renderOne(post, taskOf(post)) }));
      const first = internals.onPosts && writer instanceof InPlaceWriter ? jobs.filter((job) => edited(job.post)) : [];
      // Bounded concurrency keeps every worker busy while holding at most a few posts in memory.
      const lanes = Math.max(1, threads * 2);
      let rest = jobs;
      if (first.length > 0 && first.length < jobs.length) {
        await runLimited(first.map((job) => job.run), lanes);
        rest = jobs.filter((job) => !first.includes(job));
        // Already reloaded by the early render, unless a post came out differently from it.
        const again = !reloaded || fresh > 0;
        if (!fatal() && !internals.signal?.aborted && writer instanceof InPlaceWriter && again) {
          mark('posts');
          // Not a stage: how long the edited posts took to reach the disk (the build work a reloading tab waits for).
          timings['until first page'] ??= performance.now() - start;
          await internals.onPosts?.([...writer.changed].sort());
          mark('waiting for tabs');
        }
        early = true;
      }
      await runLimited(rest.map((job) => job.run), lanes);
    } catch (error) {
      await internals.pools?.reset();
      throw error;
    } finally {
      if (!internals.pools) await pool?.close();
    }
    // A page written early for a post this build did not make (deleted meanwhile, say) goes at commit.
    if (writer instanceof InPlaceWriter) for (const [key, output] of earlyResults) if (!used.has(key)) for (const name of output.files ?? []) if (!made.has(name)) writer.forget(name);
    // Results of earlier builds no page uses any more.
    if (internals.results) for (const key of internals.results.keys()) if (!used.has(key)) internals.results.delete(key);
    let pages = rendered.size;
    const sections = [];
    for (const meta of sectionPages) {
      const file = sources.get(meta)!;
      file.value = (await readContentFile(entries.get(meta)!, root)).value;
      const { processor, render } = await getEnv();
      sections.push({ meta, intro: (await render.processBody(processor, file)).children as ElementContent[] });
      file.value = '';
    }
    if (fatal() || internals.signal?.aborted) {
      await writer.abort();
      return result(false, pages);
    }
    // The post pages are in place: a dev server can reload the tabs showing them before the lists are made.
    if (writer instanceof InPlaceWriter && !early && (!reloaded || fresh > 0)) await internals.onPosts?.([...writer.changed].sort());

    mark('posts');
    // 5. Lists, feeds, sitemap, assets, search. The search index is made by a
    // Pagefind process while this thread renders the lists (the workers are idle by now).
    // Deferred (`onair dev`), the search index of the last build is kept; that of an earlier session only where it is carried over by key.
    const deferred = internals.deferSearch === true && writer instanceof InPlaceWriter;
    if (options.search !== false && (!deferred || writer.inheriting)) {
      search = startSearch(config, writer, [...posts, ...standalone].map((p) => rendered.get(p) ?? p), siteSalt, internals.signal, { shardCapacity: internals.searchShardCapacity, reuseOnly: deferred });
    }
    // The workers are gone by now: the heap may grow further. At the posts' step the lists stage ran tens of
    // collections (10,000 posts: 8.6 -> 14.5 s); at 96 MB the whole build runs about 10 (0.5-0.6 s in all).
    heap.stepMb = 96;
    // And no more than that on large sites: past about 27,000 posts 35% of what is live is more than 96 MB
    // (50,000 posts: about 150 MB of garbage between collections, on top of the largest heap of the build).
    heap.share = 0;
    const listed = await renderLists({
      posts: posts.map((p) => rendered.get(p)!),
      sections,
      pages: standalone,
      taxonomies,
      pageUrls: [...posts, ...standalone].map((p) => ({ url: p.url, lastmod: p.lastmod ?? p.date })),
      theme,
      config,
      writer,
      // The menus are on every list page too.
      salt: keyOf(siteSalt, JSON.stringify(menus)),
      menus,
      templates: templates.pages,
      feedHtml: (key) => cache.feedHtml(key),
      heap,
      // Deferred with the search index: no open tab shows a feed.
      keepFeeds: internals.deferSearch && writer instanceof InPlaceWriter ? (feedFiles) => writer.keepFiles(feedFiles) : undefined,
    }).catch(async (error: unknown) => {
      // A list, terms, archive, search or 404 template that throws: a message on the template's file, at the place it threw.
      if (!(error instanceof TemplateError)) throw error;
      const { reason, place } = await templateErrorReason(error, root, true);
      const file = new VFile({ path: path.relative(root, error.file).split(path.sep).join('/'), cwd: root });
      file.message(reason, { ruleId: 'template-error', source: 'onair', ...(place?.file === error.file ? { place: { line: place.line, column: place.column } } : {}) }).fatal = true;
      files.push(file);
      return 0;
    });
    pages += listed;
    if (fatal()) {
      await search?.stop();
      await writer.abort();
      return result(false, pages);
    }
    mark('lists');
    for (const problem of await copyAssets({ root, config, writer, contentDir, tree, posts: all })) {
      const file = new VFile({ path: problem.file, cwd: root });
      file.message(problem.reason, { ruleId: problem.ruleId, source: 'onair' });
      files.push(file);
    }
    mark('assets');
    await search?.done;
    if (deferred) writer.keep('pagefind/');
    if (internals.signal?.aborted) {
      await writer.abort();
      return result(false, pages);
    }

    if (fatal()) {
      await writer.abort();
      return result(false, pages);
    }
    mark('search');
    await writer.commit();
    if (!internals.reader && options.cache !== false) await reader.save(readerFile);
    if (!internals.results) await cache.save();
    if (!internals.results) await cache.prune();
    mark('commit');
    // `onair dev`: a build that rendered nothing (a warm start) started no render worker; they start now, in the
    // background, so that the first edit does not wait for them (4,000 posts: its page 0.71-1.83 s after the save, now 0.33 s; later edits 0.05-0.18 s).
    if (internals.pools && !internals.signal?.aborted) keptPool?.();
    if (internals.plan) {
      const planned = [...posts, ...standalone].map((post) => {
        const i = order.get(post);
        const place = i === undefined ? {} : { newer: sortKey(posts[i - 1]), older: sortKey(posts[i + 1]) };
        const { url, kind, section, resources } = post;
        return [entries.get(post)!.absolute, { entry: entries.get(post)!, url, kind, section, resources, terms: termsOf(post, config), task: taskOf(post), ...place }] as const;
      });
      // Rendered as this build would: on the kept pool, or in this thread (small sites) with this build's processor.
      const again = threads > 0 ? keptPool && ((task: PostTask) => keptPool().run(task)) : (task: PostTask, into: Writer) => getEnv().then((e) => e.render.runPostTask(task, { ...e, writer: into }));
      internals.plan.current = { configKey, templates: templates.all, salt, feeds, render: again, posts: new Map(planned) };
    }
    const built = result(true, pages, writer.paths.size, writer instanceof FsWriter ? writer.reused : undefined);
    return writer instanceof InPlaceWriter ? { ...built, changed: [...writer.changed].sort() } : built;
  } catch (error) {
    await search?.stop();
    await writer.abort();
    throw error;
  }
}

/**
 * What every output depends on besides its own inputs: onair's code and the
 * config (plugin functions by their source). Pages add the templates they
 * are made with; posts add the site map that `ref` links resolve against.
 */
function siteKey(config: SiteConfig): string {
  // Where the output goes changes no page: left out, a cache serves any `--out` (and `onair dev`, which builds into a
  // new temporary folder each start, and so rendered every post again at every start), and stays portable.
  const configText = JSON.stringify({ ...config, outDir: undefined }, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value));
  return keyOf(onairCodeHash(), configText);
}

/** Worker threads for this build: none for tiny sites, in-memory writers or configs holding functions (`to come`: the build's own `FsWriter`). */
function poolSize(options: BuildOptions, writer: Writer | 'to come', posts: number, overrides: UserConfig): number {
  if (options.threads !== undefined) return options.threads;
  if (!(writer === 'to come' || writer instanceof DirWriter) || posts === 0 || !isPlainData(overrides)) return 0;
  // The compiled package (the CLI) always renders on workers, so every post
  // has a time budget (deeply nested lists can make remark-parse take minutes).
  // From source (tests), small sites stay in this thread: a worker loading
  // TypeScript costs seconds per build.
  if (posts < 16 && import.meta.url.endsWith('.ts')) return 0;
  return Math.min(os.availableParallelism(), Math.ceil(posts / 16));
}

function isPlainData(value: unknown): boolean {
  if (typeof value === 'function') return false;
  if (value && typeof value === 'object') return Object.values(value).every(isPlainData);
  return true;
}

/** Runs async jobs with at most `limit` at a time, in order of start. */
async function runLimited(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
}

/**
 * Files of a page bundle belong to that page, as in Hugo: every file under a
 * leaf bundle's folder (`post/x/index.md`: `post/x/images/a.jpg` too), and
 * the files right beside a branch bundle's `_index.md` (its subfolders are
 * sections of their own). They are part of the page's cache key.
 */
function attachResources(posts: PostMeta[], others: string[]): void {
  const bundles = new Map<string, PostMeta>();
  for (const post of posts) {
    const base = post.contentPath.split('/').pop();
    if (base === 'index.md' || base === '_index.md') bundles.set(post.contentPath.slice(0, -base.length), post);
  }
  for (const other of others) {
    for (let end = other.lastIndexOf('/'); end > 0; end = other.lastIndexOf('/', end - 1)) {
      const owner = bundles.get(other.slice(0, end + 1));
      if (!owner) continue;
      const leaf = owner.contentPath.endsWith('/index.md') || owner.contentPath === 'index.md';
      if (leaf || end === other.lastIndexOf('/')) owner.resources.push(other);
      break;
    }
  }
}
