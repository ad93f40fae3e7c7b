/**
 * Watches a site's sources (content, static, templates, config file) and
 * reports changed paths: a save after a quiet spell at once (the common
 * case: one file saved), events that follow it closely after a quiet period,
 * so the rest of a burst of saves becomes one call.
 *
 * One `fs.watch` per folder (inotify on Linux, FSEvents/ReadDirectoryChanges
 * elsewhere), not per file. An event names its entry, which is reported as
 * is: the build looks at what is there now, so a save by rename (write a
 * temp file, rename it over), a delete or an add all come out as "this path
 * changed". A folder that appears is watched and reported as a whole.
 *
 * Chokidar, used before, read a whole folder again (an `lstat` per entry)
 * after every event in it: with 4,000 posts in one folder that was about
 * 60 ms of this thread per save, beside the build it started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inside } from './resolve.js';

/** Options of `watchSite`. */
export interface WatchOptions {
  /** Site root (absolute). */
  root: string;
  /** Folders to watch recursively (absolute), e.g. content, static, templates. They need not exist yet. */
  dirs: string[];
  /** Single files to watch (absolute), e.g. every config file name. */
  files: string[];
  /** Quiet time in ms: events closer together than this are reported together, once it has passed. Default 50. */
  debounce?: number;
  /** Called with the absolute paths that changed since the last call. */
  onChange(paths: string[]): void;
  /** Called when the watcher fails (e.g. the system's limit of watched folders is reached). */
  onError?(error: Error): void;
}

/** A running watcher. */
export interface SiteWatcher {
  close(): Promise<void>;
}

// Editor droppings: swap and backup files, vim's write test, emacs locks.
const junk = /(?:^\.#|^#.*#$|~$|\.sw[a-px]$|^4913$|^\.DS_Store$)/;

/** Starts watching; resolves once every existing folder is watched. */
export async function watchSite(options: WatchOptions): Promise<SiteWatcher> {
  const { root, files, onChange } = options;
  const wait = options.debounce ?? 50;
  const trees = options.dirs.map((dir) => path.resolve(dir));
  const fileSet = new Set(files.map((file) => path.resolve(file)));
  // The folders on the way to a watched folder or file ("spine"): each is watched on its own, for the next step
  // appearing (a `static/` made after start). From the root down, or from the parent of a target outside the root.
  const spine = new Set<string>();
  for (const target of [...trees, ...[...fileSet].map((file) => path.dirname(file))]) {
    const top = inside(root, target) ? root : path.dirname(target);
    for (let dir = target; ; dir = path.dirname(dir)) {
      if (dir !== target || !trees.includes(target)) spine.add(dir);
      if (dir === top || path.dirname(dir) === dir) break;
    }
  }
  const inTree = (p: string) => trees.some((tree) => inside(tree, p));
  // Each watched folder's watcher and inode: a folder removed and made again under the same name is another folder.
  const watchers = new Map<string, { watcher: fs.FSWatcher; ino: number }>();
  // Real paths of the watched tree folders: a symlink loop is followed once.
  const real = new Map<string, string>();
  let closed = false;

  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // When the last event came: an event after a quiet spell (one save) is reported at once; events close together wait for quiet.
  let last = -Infinity;
  // Whether the pending report goes out at once (the events of one save, such as a truncate and a write, come together).
  let immediate = false;
  const flush = () => {
    timer = undefined;
    const paths = [...changed];
    changed = new Set();
    if (paths.length > 0 && !closed) onChange(paths);
  };
  const report = (p: string) => {
    if (closed) return;
    changed.add(p);
    const now = performance.now();
    const fresh = now - last > wait;
    last = now;
    if (timer && immediate) return;
    immediate = fresh;
    clearTimeout(timer);
    timer = setTimeout(flush, fresh ? 0 : wait);
  };
  const fail = (error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error)));

  /** Stops watching `dir` and everything under it (it is gone, or was replaced). */
  const detach = (dir: string) => {
    for (const [watched, { watcher }] of watchers) {
      if (!inside(dir, watched)) continue;
      watcher.close();
      watchers.delete(watched);
      real.delete(watched);
    }
  };

  /** Watches `dir` (a tree folder: with all below it; a spine folder: alone, then the next steps). */
  const attach = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir)) return;
    const tree = inTree(dir);
    if (!tree && !spine.has(dir)) return;
    const stats = await fs.promises.stat(dir).catch(() => undefined);
    if (!stats?.isDirectory() || closed || watchers.has(dir)) return;
    if (tree) {
      const realDir = await fs.promises.realpath(dir).catch(() => dir);
      if ([...real.values()].includes(realDir)) return;
      real.set(dir, realDir);
    }
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (event, name) => onEvent(dir, tree, name, event));
    } catch (error) {
      real.delete(dir);
      // Gone meanwhile: its parent's event reports it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(error);
      return;
    }
    // The folder itself deleted or moved away: its parent's event reports it; this watcher is done.
    watcher.on('error', () => detach(dir));
    watchers.set(dir, { watcher, ino: stats.ino });
    // Watched before it is read: an entry made in between is both listed and reported.
    await descend(dir, tree);
  };

  /** Watches the folders in `dir` that are not yet: all of them in a tree, the next steps in the spine. */
  const descend = async (dir: string, tree: boolean): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    const next: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (tree ? entry.isDirectory() || entry.isSymbolicLink() : spine.has(full) || trees.includes(full)) next.push(full);
    }
    await Promise.all(next.map(attach));
  };

  const onEvent = (dir: string, tree: boolean, name: string | Buffer | null, event: string) => {
    if (closed) return;
    // No name (some platforms, an overflowed queue): anything in the folder may have changed, a new folder too.
    if (name === null) {
      if (tree) report(dir);
      void descend(dir, tree);
      return;
    }
    const base = String(name);
    const full = path.join(dir, base);
    // Linux names the folder itself when it is removed or moved: its watch is dead, even if a folder of that name
    // (often on the same inode) is already back. Watched again if so. (A child of the same name that went away lands here too: harmless.)
    if (base === path.basename(dir)) {
      void fs.promises.lstat(full).then(
        () => undefined,
        () => {
          detach(dir);
          return attach(dir).then(() => (watchers.has(dir) && inTree(dir) ? report(dir) : undefined));
        },
      );
    }
    if (tree) {
      if (junk.test(base)) return;
    } else if (!fileSet.has(full) && !spine.has(full) && !trees.includes(full)) return;
    if (fileSet.has(full) || inTree(full)) report(full);
    // A folder that appeared is watched (then reported again: what was written into it before its watch started
    // is seen by the build that report starts); one that went away, or was made again meanwhile, is let go.
    // Only `rename` means an entry appeared or went away (Node's docs): a save (`change`) needs no look at the disk.
    if (event === 'change') return;
    const known = watchers.get(full);
    if (!known && !tree && !spine.has(full) && !trees.includes(full)) return;
    void fs.promises.stat(full).then(
      (stats) => {
        if (known && stats.isDirectory() && stats.ino === known.ino) return;
        if (known) detach(full);
        if (stats.isDirectory()) return attach(full).then(() => (inTree(full) ? report(full) : undefined));
      },
      () => detach(full),
    );
  };

  // A folder reached twice (a spine folder also leads to it) is watched once.
  await Promise.all([...spine, ...trees].map(attach)).catch(fail);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
