/**
 * The dev loop: `build()` into a private folder, serve it with the reload
 * channel, watch the sources, rebuild serially, then reload the tabs that
 * show a changed page (or show the error overlay and keep serving the last
 * good pages). Rebuilds are incremental: the build writes in place and only
 * what changed, with the render workers and post results kept warm. The
 * folder, the front matter and the post results are kept for the next
 * session (`dev-folder.ts`), so its first build is incremental too.
 * Dev is build + watcher + reload channel, not a second code path.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { build } from '../build.js';
import { configFileNames, loadConfig } from '../config.js';
import type { BuildResult, SiteConfig } from '../types.js';
import type { BuildInternals } from '../build.js';
import { serialQueue } from './queue.js';
import { ReloadChannel, type BuildError } from './reload.js';
import { startServer } from './server.js';
import { changedUrls } from './changed.js';
import { watchSite } from './watch.js';
import { InPlaceWriter } from '../output/in-place.js';
import { PoolKeeper } from '../render/pool-keeper.js';
import { PostReader } from '../model/post-reader.js';
import { PostCache } from '../output/cache.js';
import { openDevFolder } from './dev-folder.js';

/** Queue entry of a search refresh (not a path). */
const SEARCH = '\0search';
/** Quiet time after a rebuild before the search index is refreshed, in ms. */
const searchDelay = 1500;
/** Longest wait of a build for the tabs it reloaded early, in ms. */
const settleTime = 500;

/** Options of `startDevServer`. */
export interface DevOptions {
  /** Site root. Default `process.cwd()`. */
  root?: string;
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; `0` picks a free one. Default `1313`. */
  port?: number;
  /** Include drafts. Default false. */
  drafts?: boolean;
  /** Called before and after every build (the CLI prints from here). */
  onBuild?(event: DevBuildEvent): void;
}

/** One build of the dev loop: `paths` are the changed sources (`[root]` for the first build). */
export type DevBuildEvent =
  | { phase: 'start'; paths: string[] }
  | { phase: 'end'; paths: string[]; result: BuildResult }
  | { phase: 'crash'; paths: string[]; error: unknown };

/** A running dev server. */
export interface DevServer {
  url: string;
  host: string;
  port: number;
  /** The output folder: kept in `ROOT/.onair-cache/dev/` for the next session, or a temporary one (removed by `close`) while another session holds that. */
  outDir: string;
  channel: ReloadChannel;
  /** Resolves when no build runs and none is queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts serving, runs the first build, then watches. Resolves once the first build is done. */
export async function startDevServer(options: DevOptions = {}): Promise<DevServer> {
  const root = path.resolve(options.root ?? process.cwd());
  let config: SiteConfig = (await loadConfig(root, {})).config;
  // What survives between builds, and sessions: the files on disk, the front matter, the post results.
  // The pages name the server's origin (`baseUrl`), so they and the results carry over to a session on the same port only.
  const folder = await openDevFolder(root);
  const { outDir, outputs } = folder;
  const reader = folder.cache ? await PostReader.load(folder.cache.matter) : new PostReader();
  const pack = folder.cache && new PostCache(path.join(root, '.onair-cache'), true, { pack: folder.cache.results });
  await pack?.load();
  const results = pack?.loaded() ?? new Map();
  // An earlier session's file is served once the first build made it from the same key (or wrote it), or when that build is over.
  let firstBuilt!: () => void;
  const firstBuild = new Promise<void>((resolve) => (firstBuilt = resolve));
  const channel = new ReloadChannel();
  const server = await startServer({
    root: outDir,
    basePath: () => config.basePath,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 1313,
    reload: channel,
    hold: (file) => (outputs.get(path.relative(outDir, file).split(path.sep).join('/'))?.inherited ? firstBuild : undefined),
  }).catch(async (error: unknown) => {
    channel.close();
    await folder.release();
    throw error;
  });
  const origin = new URL(server.url).origin;
  let lastFailed = false;
  let built = false;
  // The render workers too, within a session.
  const pools = new PoolKeeper();
  const plan: BuildInternals['plan'] = {};
  // Kept for the next session once a build is complete (search index and feeds), and on close.
  let saved = false;
  // Rebuilds keep the search index and feeds; they are refreshed once edits pause, and a new edit stops the refresh.
  let searchTimer: NodeJS.Timeout | undefined;
  let searchAbort: AbortController | undefined;
  let searchStale = false;

  async function rebuild(paths: string[]): Promise<void> {
    if (paths.length === 1 && paths[0] === SEARCH) return refreshSearch();
    paths = paths.filter((p) => p !== SEARCH);
    options.onBuild?.({ phase: 'start', paths });
    let result: BuildResult;
    const first = !built;
    built = true;
    let early: string[] = [];
    const writer = new InPlaceWriter(outDir, outputs);
    try {
      // The config is read again each time: it may be the file that changed.
      config = (await loadConfig(root, {})).config;
      // Tabs showing a changed post reload as soon as its page is written; list pages follow at the end.
      // The build waits until those tabs have fetched their pages (this thread serves them), at most `settleTime`.
      const onPosts = async (changed: string[]) => {
        const urls = lastFailed ? null : changedUrls({ changed } as BuildResult, config.basePath);
        if (!urls || urls.length === 0) return;
        // Called again when a post came out differently from its early render: those tabs reload once more.
        early = [...new Set([...early, ...urls])];
        channel.reload(urls);
        await channel.settle(urls, settleTime);
      };
      // A file the watcher did not report is unchanged (its front matter is reused without a stat).
      const unchanged = first ? undefined : (file: string) => !paths.some((p) => file === p || file.startsWith(p + path.sep));
      // The first build too leaves the search index and the feeds for when edits pause: pages are served that much sooner
      // (4,000 posts, cache warm: 24 s, of which the search index 10.5 s).
      result = await build({ root, out: outDir, drafts: options.drafts, baseUrl: origin + config.basePath }, { writer, pools, results, reader, unchanged, onPosts, plan, deferSearch: true });
    } catch (error) {
      lastFailed = true;
      // Files of the session before that this one did not make go (a build that throws has dropped them already).
      await writer.abort();
      firstBuilt();
      channel.fail({ messages: [{ file: 'onair', reason: `The build crashed: ${(error as Error)?.message ?? String(error)}` }] });
      options.onBuild?.({ phase: 'crash', paths, error });
      return;
    }
    // Failed before it wrote anything (a theme that does not compile), the build left those files.
    if (!result.ok) await writer.abort();
    firstBuilt();
    if (result.ok) {
      // After a failure the tab may show stale pages: reload them all.
      const urls = lastFailed ? null : changedUrls(result, config.basePath);
      const rest = urls && urls.filter((url) => !early.includes(url));
      if (!rest || rest.length > 0 || early.length === 0) channel.reload(rest);
      lastFailed = false;
      scheduleSearch();
    } else {
      lastFailed = true;
      channel.fail(overlayOf(result.files, root));
    }
    options.onBuild?.({ phase: 'end', paths, result });
  }

  function scheduleSearch(): void {
    searchStale = true;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => queue.push([SEARCH]), searchDelay).unref();
  }

  /** Makes the feeds and the search index again (the pages are all carried over); silent, and stopped by the next edit. */
  async function refreshSearch(): Promise<void> {
    if (!searchStale) return;
    searchAbort = new AbortController();
    try {
      const writer = new InPlaceWriter(outDir, outputs);
      const result = await build({ root, out: outDir, drafts: options.drafts, baseUrl: origin + config.basePath }, { writer, pools, results, reader, signal: searchAbort.signal });
      if (result.ok) searchStale = false;
      // The folder is complete: worth keeping even if this session is killed (once: an edit meanwhile would wait for it).
      if (result.ok && !saved) {
        saved = true;
        await folder.save();
        await keep();
      }
    } catch {
      // The next edit's build reports whatever is wrong.
    } finally {
      searchAbort = undefined;
    }
  }

  /** Keeps the front matter and the post results for the next session, and prunes the cache as a build does. */
  async function keep(): Promise<void> {
    if (!folder.cache || !pack) return;
    await reader.save(folder.cache.matter);
    pack.useOnly(results);
    await pack.save();
    await pack.prune();
  }

  const queue = serialQueue(rebuild, () => {});
  // Watch first, so a save during the first build queues a second one.
  const watcher = await watchSite({
    root,
    dirs: [config.contentDir, config.staticDir, config.templatesDir].map((dir) => path.resolve(root, dir)),
    files: configFileNames.map((name) => path.join(root, name)),
    onChange: (paths) => {
      clearTimeout(searchTimer);
      searchAbort?.abort();
      queue.push(paths);
    },
  });
  queue.push([root]);
  await queue.idle();

  return {
    url: server.url,
    host: server.host,
    port: server.port,
    outDir,
    channel,
    idle: () => queue.idle(),
    async close() {
      await watcher.close();
      clearTimeout(searchTimer);
      searchAbort?.abort();
      await queue.idle();
      await pools.close();
      await server.close();
      await keep();
      await folder.release();
    },
  };
}

/** The overlay's view of a failed build: fatal messages first (all of them when none is fatal). */
export function overlayOf(files: readonly VFile[], root: string): BuildError {
  const all = files.flatMap((file) =>
    file.messages.map((message) => ({
      fatal: message.fatal === true,
      file: path.isAbsolute(file.path) ? path.relative(root, file.path) : file.path,
      line: message.line,
      column: message.column,
      reason: message.reason,
      ruleId: message.ruleId,
    })),
  );
  const fatal = all.filter((m) => m.fatal);
  return { messages: (fatal.length > 0 ? fatal : all).slice(0, 50).map(({ fatal: _, ...m }) => m) };
}
