/**
 * The render worker thread: builds its own processor and theme once (from
 * the site folder, like the build's thread does), says it is ready, then runs
 * post tasks one at a time, writing pages straight into the staging folder.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config.js';
import { createSiteProcessor } from '../markdown.js';
import type { UserConfig } from '../types.js';
import { siteShortcodes } from '../hugo/shortcodes.js';
import type { RefPage } from '../hugo/refs.js';
import { runPostTask, type PostTask, type RenderEnv } from './post.js';
import { loadTheme, type CompiledTheme } from './templates.js';
import { SyncDirWriter } from './worker-writer.js';

/** How a worker sets itself up (plain data, passed as `workerData`). */
export interface WorkerInit {
  root: string;
  /** Config overrides given to `build()` (serializable ones only). */
  overrides: UserConfig;
  templatesDir: string;
  /** The theme as the build's thread compiled it (used when the template files still hash the same). */
  theme?: CompiledTheme;
  stagingDir: string;
  /** Absolute content folder and every published page, for the site's shortcodes and `ref`. */
  contentDir: string;
  pages: RefPage[];
}

/** What a pool started early learns later: where pages go and the site's pages (the theme: the one compiled by then, unless given). */
export type LateInit = Pick<WorkerInit, 'stagingDir' | 'pages'> & Partial<Pick<WorkerInit, 'theme'>>;

/**
 * Setup of a worker started before the theme is compiled and the front
 * matter read (a cold build): it loads its code meanwhile and waits for a
 * `setup` message with the rest ({@link LateInit}).
 */
export type EarlyInit = Omit<WorkerInit, keyof LateInit> & { deferred: true };

/**
 * Messages from the build's thread (`pages`: the site's pages changed, for
 * `ref`; tasks sent after it use them; `setup`: the rest of the setup of a
 * worker started early, see {@link EarlyInit}).
 */
export type ToWorker =
  | { type: 'task'; id: number; task: PostTask }
  | { type: 'pages'; pages: RefPage[] }
  | { type: 'setup'; init: LateInit };

/** Messages to the build's thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: Awaited<ReturnType<typeof runPostTask>> }
  | { type: 'failed'; id?: number; error: unknown };

async function createEnv(init: WorkerInit): Promise<RenderEnv> {
  const { config } = await loadConfig(init.root, init.overrides);
  const { theme } = await loadTheme(init.templatesDir, init.root, init.theme);
  if (!theme) throw new Error('The theme failed to compile in a render worker although it compiled in the build');
  const site = await siteShortcodes({ root: init.root, config, contentDir: init.contentDir, pages: init.pages });
  const processor = createSiteProcessor(config, site.options);
  return { processor, theme, config, writer: new SyncDirWriter(init.stagingDir) };
}

if (parentPort) {
  const port = parentPort;
  const post = (message: FromWorker) => port.postMessage(message);
  const init = workerData as WorkerInit | EarlyInit;
  // The renderer, once set up; each task waits for the one made before it was sent.
  let current: Promise<RenderEnv> | undefined;
  const start = (full: WorkerInit) => {
    current = createEnv(full);
    current.then(
      () => post({ type: 'ready' }),
      (error: unknown) => post({ type: 'failed', error }),
    );
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'setup') {
      // Started early: this module and its imports are loaded by now.
      if (!current && 'deferred' in init) {
        const { deferred: _, ...early } = init;
        start({ ...early, ...message.init });
      }
      return;
    }
    // Tasks come once the worker said it is ready; new pages after its setup.
    if (!current) return;
    if (message.type === 'pages') {
      // New pages make a new processor (its `ref` resolver).
      current = current.then(async (env) => {
        const site = await siteShortcodes({ root: init.root, config: env.config, contentDir: init.contentDir, pages: message.pages });
        return { ...env, processor: createSiteProcessor(env.config, site.options) };
      });
      return;
    }
    current.then((env) => runPostTask(message.task, env)).then(
      (result) => post({ type: 'done', id: message.id, result }),
      (error: unknown) => post({ type: 'failed', id: message.id, error }),
    );
  });
  if (!('deferred' in init)) start(init);
}
