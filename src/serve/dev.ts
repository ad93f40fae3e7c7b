/**
 * The dev loop: `build()` into a private temp folder, serve it with the
 * reload channel, watch the sources, rebuild serially, then reload the tabs
 * that show a changed page (or show the error overlay and keep serving the
 * last good pages). Rebuilds are incremental: the build writes in place and
 * only what changed, with the render workers and post results kept warm.
 * Dev is build + watcher + reload channel, not a second code path.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
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
import { InPlaceWriter, type OutputState } from '../output/in-place.js';
import { PoolKeeper } from '../render/pool-keeper.js';
import { PostReader } from '../model/post-reader.js';
import type { PostResult } from '../render/task.js';

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
  /** The private output folder (removed by `close`). */
  outDir: string;
  channel: ReloadChannel;
  /** Resolves when no build runs and none is queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts serving, runs the first build, then watches. Resolves once the first build is done. */
export async function startDevServer(options: DevOptions = {}): Promise<DevServer> {
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'onair-dev-'));
  let config: SiteConfig = (await loadConfig(root, {})).config;
  const channel = new ReloadChannel();
  const server = await startServer({
    root: outDir,
    basePath: () => config.basePath,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 1313,
    reload: channel,
  }).catch(async (error: unknown) => {
    channel.close();
    await fs.rm(outDir, { recursive: true, force: true });
    throw error;
  });
  const origin = new URL(server.url).origin;
  let lastFailed = false;
  // What survives between builds: the files on disk, the render workers, the post results.
  const outputs: OutputState = new Map();
  const pools = new PoolKeeper();
  const results = new Map<string, PostResult>();
  const reader = new PostReader();
  const plan: BuildInternals['plan'] = {};
  // Rebuilds keep the search index and feeds; they are refreshed once edits pause, and a new edit stops the refresh.
  let searchTimer: NodeJS.Timeout | undefined;
  let searchAbort: AbortController | undefined;
  let searchStale = false;

  async function rebuild(paths: string[]): Promise<void> {
    if (paths.length === 1 && paths[0] === SEARCH) return refreshSearch();
    paths = paths.filter((p) => p !== SEARCH);
    options.onBuild?.({ phase: 'start', paths });
    let result: BuildResult;
    const first = paths.length === 1 && paths[0] === root && outputs.size === 0;
    let early: string[] = [];
    try {
      // The config is read again each time: it may be the file that changed.
      config = (await loadConfig(root, {})).config;
      const writer = new InPlaceWriter(outDir, outputs);
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
      channel.fail({ messages: [{ file: 'onair', reason: `The build crashed: ${(error as Error)?.message ?? String(error)}` }] });
      options.onBuild?.({ phase: 'crash', paths, error });
      return;
    }
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
    } catch {
      // The next edit's build reports whatever is wrong.
    } finally {
      searchAbort = undefined;
    }
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
      await fs.rm(outDir, { recursive: true, force: true });
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
