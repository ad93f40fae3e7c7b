/**
 * Watches a site's sources (content, static, templates, config file) and
 * reports changed paths: a save after a quiet spell at once (the common
 * case: one file saved), events that follow it closely after a quiet period,
 * so the rest of a burst of saves becomes one call. Chokidar's `atomic`
 * mode folds editors' save-by-rename (unlink then add) into a change; new
 * folders are picked up as they appear.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import { inside } from './resolve.js';

/** Options of `watchSite`. */
export interface WatchOptions {
  /** Site root (absolute). */
  root: string;
  /** Folders to watch recursively (absolute), e.g. content, static, templates. */
  dirs: string[];
  /** Single files to watch (absolute), e.g. every config file name. */
  files: string[];
  /** Quiet time in ms: events closer together than this are reported together, once it has passed. Default 50. */
  debounce?: number;
  /** Called with the absolute paths that changed since the last call. */
  onChange(paths: string[]): void;
  /** Called when the watcher fails (e.g. too many watched files). */
  onError?(error: Error): void;
}

/** A running watcher. */
export interface SiteWatcher {
  close(): Promise<void>;
}

// Editor droppings: swap and backup files, vim's write test, emacs locks.
const junk = /(?:^\.#|^#.*#$|~$|\.sw[a-px]$|^4913$|^\.DS_Store$)/;

/** Starts watching; resolves once the initial scan is done. */
export async function watchSite(options: WatchOptions): Promise<SiteWatcher> {
  const { root, dirs, files, onChange } = options;
  const wait = options.debounce ?? 50;
  const fileSet = new Set(files);
  // Chokidar reads a whole folder again after any event in it and asks about every entry: with 4,000
  // posts in one folder that ran on every save, beside the build. Whether a folder lies in a watched
  // one is worked out once, so an entry costs a lookup of its parent.
  const withinWatched = new Map<string, boolean>();
  const inWatchedDir = (dir: string): boolean => {
    let within = withinWatched.get(dir);
    if (within === undefined) withinWatched.set(dir, (within = dirs.some((watched) => inside(watched, dir))));
    return within;
  };
  const relevant = (p: string): boolean =>
    inWatchedDir(path.dirname(p)) ||
    p === root ||
    fileSet.has(p) ||
    dirs.some((dir) => inside(dir, p) || inside(p, dir)) ||
    files.some((file) => inside(p, path.dirname(file)));
  const watcher = watch(root, {
    ignoreInitial: true,
    atomic: true,
    ignored: (p: string) => !relevant(path.isAbsolute(p) ? path.normalize(p) : path.resolve(p)) || junk.test(path.basename(p)),
  });

  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // When the last event came: an event after a quiet spell (one save) is reported at once; events close together wait for quiet.
  let last = -Infinity;
  const flush = () => {
    timer = undefined;
    const paths = [...changed];
    changed = new Set();
    if (paths.length > 0) onChange(paths);
  };
  watcher.on('all', (_event, p) => {
    const full = path.resolve(p);
    // Only changes to watched files and inside watched dirs count; the
    // ancestors of watched dirs are traversed but their own files are not.
    if (!fileSet.has(full) && !inWatchedDir(path.dirname(full)) && !dirs.some((dir) => inside(dir, full))) return;
    changed.add(full);
    const now = performance.now();
    const fresh = now - last > wait;
    last = now;
    clearTimeout(timer);
    timer = setTimeout(flush, fresh ? 0 : wait);
  });
  watcher.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
