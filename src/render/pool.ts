/**
 * Post tasks on worker threads (both cores). Each task has a time budget
 * counted from when its worker starts it (not queueing or start-up): a post
 * over budget (pathological Markdown) has its worker terminated and replaced,
 * and fails with its name instead of hanging the build.
 */
import fs from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { PostResult, PostTask } from './post.js';
import { compiledTheme } from './templates.js';
import type { EarlyInit, FromWorker, LateInit, ToWorker, WorkerInit } from './worker.js';
import type { RefPage } from '../hugo/refs.js';

/** A running pool. */
export interface PostPool {
  run(task: PostTask): Promise<PostResult>;
  /** Gives the workers the site's pages (for `ref`) when they changed: a kept pool (`onair dev`) outlives a post being added. */
  setPages(pages: RefPage[]): void;
  /**
   * Completes the setup of a pool started early (see {@link EarlyInit}): its
   * workers make their renderer and take tasks from now on. No-op otherwise.
   */
  setup(rest: LateInit): void;
  close(): Promise<void>;
  /** Workers running (none once closed). */
  readonly workers: number;
}

/** Options of `createPostPool`. */
export interface PoolOptions {
  threads: number;
  /** Time budget of one post, in ms. */
  budget: number;
  /** Heap cap of a worker's old generation, in MB: a post that needs more fails with `memory-budget`. Default 1024. */
  heapMb?: number;
  /** Posts of the site (sets the workers' young generation, see {@link youngGenerationMb}). Default: a small site. */
  posts?: number;
}

/**
 * Young generation of a worker, in MB, for a site of `posts` posts. V8 makes
 * it 3 semi-spaces of a power of two: 48 is semi-spaces of 16 MB (V8's
 * default on 64-bit), 49-96 of 32 MB, 24 of 8 MB.
 *
 * - 96 ran fewer scavenges (a post's trees outlived more of them at 48 and
 *   were promoted), but each worker then held 64 MB of young generation.
 *   4,000 reference posts, cold, 3 interleaved pairs: 96 -> 48 took peak RSS
 *   476-483 -> 409-415 MB, user CPU 53.1-57.4 -> 57.1-58.7 s (+2-7%).
 * - 24 saves 16 MB more per worker's young generation and costs CPU: at
 *   10,000 posts (CLI, cold, `--no-search`, 2 interleaved pairs) peak
 *   405/408 -> 366/369 MB, user CPU +5% and +15%.
 *
 * The workers' memory is the same at any size, while the build thread's
 * grows with the site (about 7 MB per 1,000 posts): past 6,000 posts the
 * total passes 400 MB, and from there memory goes before speed. Past about
 * 20,000 posts the peak is in the lists stage instead (the workers are done
 * by then), and 24 only costs time: 30,000 posts 629 -> 620 MB for +23% user
 * CPU, 50,000 posts 916 -> 935 MB for +17% (one run each).
 */
export function youngGenerationMb(posts: number): number {
  return posts > largeSite && posts <= hugeSite ? 24 : 48;
}

/** Posts past which the workers trade speed for memory (see {@link youngGenerationMb}). */
export const largeSite = 6000;
/** Posts past which they no longer do: the peak is elsewhere (see {@link youngGenerationMb}). */
export const hugeSite = 20_000;

/**
 * The process's Node flags, for the workers, less `--input-type`: a build
 * started from `node --input-type=module -e …` (or `--eval`) crashed in
 * every worker, which refuses the flag without a string to evaluate.
 */
let execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));

/**
 * A worker with the process's Node flags, less those a worker refuses: V8
 * options and options of the process (`node --max-old-space-size=4096
 * onair build` crashed in every worker). Node names them only by refusing
 * them, so the first worker refused is made again without them, and the
 * workers after it start without them.
 */
function newWorker(entry: URL, options: Omit<WorkerOptions, 'execArgv'>): Worker {
  try {
    return new Worker(entry, { ...options, execArgv });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    execArgv = withoutRefused(execArgv, (error as Error).message);
    return new Worker(entry, { ...options, execArgv });
  }
}

/**
 * `argv` less the flags listed in Node's `ERR_WORKER_INVALID_EXEC_ARGV`
 * message (`…flags: --a=1, --b`), with the value of one given apart
 * (`--title NAME`: flags come before the script, so a word that follows a
 * refused flag and is no flag is its value).
 */
export function withoutRefused(argv: readonly string[], message: string): string[] {
  const refused = new Set(message.slice(message.indexOf(': ') + 2).split(', '));
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (!refused.has(argv[i]!)) kept.push(argv[i]!);
    else if (!argv[i]!.includes('=') && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) i++;
  }
  return kept;
}

/**
 * The worker's code. Under tsx (tests, benchmarks from source) this module
 * is `.ts` and workers need a loader. Compiled, `npm run build` bundles the
 * worker and its dependencies into one file: importing ~600 modules one by
 * one took a worker 650-700 ms, the bundle 320-390 ms. Without it, or when
 * it is older than the compiled worker (`tsc` run alone), the modules.
 * (From `dist/render/pool.js` or the command line's bundle in `dist/bundle/`:
 * the same two files.)
 */
export const workerEntry = import.meta.url.endsWith('.ts') ? new URL('./worker-source.mjs', import.meta.url) : compiledEntry();

function compiledEntry(): URL {
  const modules = new URL('../render/worker.js', import.meta.url);
  const bundle = new URL('../bundle/worker.js', import.meta.url);
  const bundled = fs.statSync(bundle, { throwIfNoEntry: false });
  return bundled && bundled.mtimeMs >= fs.statSync(modules).mtimeMs ? bundle : modules;
}

interface Job {
  id: number;
  task: PostTask;
  resolve(result: PostResult): void;
  reject(error: unknown): void;
}

/** Starts a pool of render workers for one build. */
export function createPostPool(init: WorkerInit | EarlyInit, options: PoolOptions): PostPool {
  // With a cap under 2 GB, V8 lets the old generation grow to about 1.3–2
  // times what is live before a full collection instead of 4 times, so the
  // garbage of past posts no longer piles up to ~100 MB per worker. Together
  // with a young generation of 96 MB then (1,000 reference posts, cold, 4 interleaved builds): peak
  // RSS 489 -> 439 MB and CPU -5%. 1024 MB holds a post of about 2.5 MB of
  // Markdown (5 MB fails, and takes near the time budget anyway); 512 MB
  // saved 17 MB more but failed at 2.4 MB.
  const heapMb = options.heapMb ?? 1024;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>();
  const all = new Set<Worker>();
  let nextId = 0;
  let closed = false;

  const overBudget = (): PostResult => ({
    messages: [
      {
        reason: `Unexpected processing time over ${Math.round(options.budget / 1000)} s, expected a post to build in less; the file may hold pathological Markdown (deep emphasis or brackets): simplify it`,
        ruleId: 'time-budget',
        source: 'onair',
        fatal: true,
        // The whole file is the problem: its start, as \`file-too-large\`.
        place: { start: { line: 1, column: 1 } },
      },
    ],
  });

  const overMemory = (): PostResult => ({
    messages: [
      {
        reason: `Unexpected memory use over ${heapMb} MB, expected a post to build in less; the file may be very large or hold pathological Markdown: split or simplify it`,
        ruleId: 'memory-budget',
        source: 'onair',
        fatal: true,
        // The whole file is the problem: its start, as \`file-too-large\`.
        place: { start: { line: 1, column: 1 } },
      },
    ],
  });

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      const timer = setTimeout(() => {
        busy.delete(worker);
        job.resolve(overBudget());
        retire(worker);
        spawn();
      }, options.budget);
      busy.set(worker, { job, timer });
      worker.postMessage({ type: 'task', id: job.id, task: job.task });
    }
  };

  const retire = (worker: Worker) => {
    all.delete(worker);
    void worker.terminate();
  };

  const fail = (error: unknown) => {
    for (const job of queue.splice(0)) job.reject(error);
    for (const [worker, { job, timer }] of busy) {
      clearTimeout(timer);
      job.reject(error);
      retire(worker);
    }
    busy.clear();
  };

  const spawn = () => {
    if (closed) return;
    const worker = newWorker(workerEntry, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngGenerationMb(options.posts ?? 0) } });
    all.add(worker);
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        idle.push(worker);
      } else {
        const current = busy.get(worker);
        if (message.type === 'failed' && !current) return fail(new Error('A render worker could not start', { cause: message.error }));
        if (!current) return;
        clearTimeout(current.timer);
        busy.delete(worker);
        if (message.type === 'done') current.job.resolve(message.result);
        else current.job.reject(message.error);
        idle.push(worker);
      }
      dispatch();
    });
    worker.on('error', (error) => {
      const current = busy.get(worker);
      all.delete(worker);
      if (current) {
        clearTimeout(current.timer);
        busy.delete(worker);
        // A post that fills the heap fails with its name, as one over its time budget does.
        if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') current.job.resolve(overMemory());
        else current.job.reject(error);
        spawn();
      } else fail(new Error('A render worker crashed', { cause: error }));
    });
  };

  // Workers import the theme the build's thread compiled instead of each running esbuild.
  const complete = (init: WorkerInit): WorkerInit => ({ ...init, theme: init.theme ?? compiledTheme(init.templatesDir) });
  if (!('deferred' in init)) init = complete(init);
  let lastPages = 'deferred' in init ? undefined : init.pages;
  let pagesText = lastPages && JSON.stringify(lastPages);
  for (let i = 0; i < options.threads; i++) spawn();

  return {
    run(task) {
      return new Promise<PostResult>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    setup(rest) {
      if (!('deferred' in init)) return;
      const { deferred: _, ...early } = init;
      init = complete({ ...early, ...rest });
      lastPages = init.pages;
      pagesText = JSON.stringify(init.pages);
      const message: ToWorker = { type: 'setup', init: { stagingDir: init.stagingDir, pages: init.pages, theme: init.theme } };
      for (const worker of all) worker.postMessage(message);
    },
    setPages(pages) {
      if ('deferred' in init) throw new Error('setPages() before setup() of a pool started early');
      if (pages === lastPages) return;
      lastPages = pages;
      const text = JSON.stringify(pages);
      if (text === pagesText) return;
      pagesText = text;
      // Workers started from now on get them in their setup.
      init = { ...init, pages };
      for (const worker of all) worker.postMessage({ type: 'pages', pages } satisfies ToWorker);
    },
    get workers() {
      return all.size;
    },
    async close() {
      closed = true;
      await Promise.all([...all].map((worker) => worker.terminate()));
      all.clear();
    },
  };
}
