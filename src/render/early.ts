/**
 * The early render of `onair dev`: a saved post is rendered and written
 * before the rebuild reads the other posts' front matter and makes the model,
 * from what the last build knew about it (its neighbours, its feed flag, the
 * site's keys: the {@link RenderPlan}). The plan is only trusted while the
 * post keeps its place: same URL, same order among its neighbours, same
 * terms, same config and templates. The full build that follows computes
 * every key again; when one differs from the early guess it renders that post
 * again and the tab reloads once more, so a wrong guess costs time, never a
 * stale page.
 */
import { createHash } from 'node:crypto';
import { readContentFile, type ContentEntry } from '../content/load.js';
import { isPublished } from '../model/post.js';
import type { PostReader } from '../model/post-reader.js';
import { compareNewest, postTerms } from '../model/taxonomy.js';
import type { PostCache } from '../output/cache.js';
import type { HeadFeed } from '../seo/head.js';
import type { BuildOptions, PostMeta, SiteConfig } from '../types.js';
import type { Writer } from '../output/writer.js';
import type { PostResult, PostTask } from './task.js';

/** Where a post sat in the last build: enough to render it again before the model is made. */
export interface PlannedPost {
  entry: ContentEntry;
  url: string;
  kind: PostMeta['kind'];
  section: string;
  resources: string[];
  /** The post's terms in every taxonomy (JSON). */
  terms: string;
  /** Menus, neighbours and feed flag as the last build gave them. */
  task: Pick<PostTask, 'menus' | 'prev' | 'next' | 'feed'>;
  /** What sorts right before and right after it (newer, older), to check it keeps its place. */
  newer?: Pick<PostMeta, 'date' | 'title' | 'sourcePath' | 'weight'>;
  older?: Pick<PostMeta, 'date' | 'title' | 'sourcePath' | 'weight'>;
}

/** What the last successful build knew, for the next one's early render (`BuildInternals.plan`). */
export interface RenderPlan {
  /** The config and templates it was made under: another one voids the plan. */
  configKey: string;
  templates: string;
  /** The posts' key salt and the feeds every page advertises. */
  salt: string;
  feeds: HeadFeed[];
  /** Renders a post as it did (on its kept pool, or in this thread into `writer`); none: no early render. */
  render?: (task: PostTask, writer: Writer) => Promise<PostResult>;
  /** By absolute source path. */
  posts: Map<string, PlannedPost>;
}

/** The render key of a post: the same for the early render and the full build, or the early page is not reused. */
export function postKey(cache: PostCache, salt: string, parts: { metaKey?: string; resources: string[]; digest?: string; feeds: HeadFeed[]; task: Omit<PostTask, 'post' | 'text' | 'feeds'> }): string {
  return cache.key(salt, { post: parts.metaKey, resources: parts.resources, text: parts.digest, feeds: parts.feeds, ...parts.task });
}

/** The terms of `post` in every taxonomy, as compared by {@link renderEarly}. */
export function termsOf(post: PostMeta, config: SiteConfig): string {
  return JSON.stringify(Object.values(config.taxonomies).map((plural) => postTerms(post, plural)));
}

/** What {@link renderEarly} needs of the build. */
export interface EarlyContext {
  plan: RenderPlan;
  /** Whether a source changed since the last build (the watcher's word). */
  changed: (absolute: string) => boolean;
  reader: PostReader;
  /** This build's writer. */
  writer: Writer;
  root: string;
  config: SiteConfig;
  configKey: string;
  templates: string;
  cache: PostCache;
  options: BuildOptions;
  now: Date;
  /** Records a rendered post's result and output files under its key. */
  accept: (key: string, result: PostResult) => void;
}

/** At most this many saved posts are rendered early (a bigger change is a checkout, not an edit). */
const limit = 4;

/**
 * Renders the changed posts that kept their place, on the plan's pool.
 * Resolves to how many were rendered (0: nothing to reload early).
 */
export async function renderEarly(context: EarlyContext): Promise<number> {
  const { plan, config } = context;
  const render = plan.render;
  if (!render || plan.configKey !== context.configKey || plan.templates !== context.templates) return 0;
  const saved = [...plan.posts].filter(([absolute]) => context.changed(absolute));
  if (saved.length === 0 || saved.length > limit) return 0;
  const jobs: Array<{ key: string; task: PostTask }> = [];
  for (const [, planned] of saved) {
    const job = await prepare(planned, context).catch(() => undefined);
    if (job) jobs.push(job);
  }
  let rendered = 0;
  await Promise.all(
    jobs.map(async ({ key, task }) => {
      const result = await render(task, context.writer);
      // A post that fails is the full build's to report (with every other problem).
      if (!result.stats || result.messages.some((m) => m.fatal)) return;
      context.accept(key, result);
      rendered++;
    }),
  );
  return rendered;
}

/** The task and key of a saved post that kept its place (undefined: leave it to the full build). Rejects when it cannot be read (deleted). */
async function prepare(planned: PlannedPost, context: EarlyContext): Promise<{ key: string; task: PostTask } | undefined> {
  const { plan, config } = context;
  const read = await context.reader.read(planned.entry, context.root, config, context.configKey, false);
  const meta = read.meta;
  if (!meta || read.file.messages.some((m) => m.fatal) || !keptPlace(meta, planned, context)) return undefined;
  // The reader read the saved file just now (its text is on the file); remembered front matter means reading it here.
  const fresh = typeof read.file.value === 'string' && read.file.value !== '' ? read.file.value : undefined;
  const text = fresh ?? String((await readContentFile(planned.entry, context.root)).value);
  // Saved again since its front matter was read: leave it to the full build.
  if (fresh === undefined && createHash('sha256').update(text).digest('hex') !== read.digest) return undefined;
  const post = { ...meta, resources: [...planned.resources] };
  const key = postKey(context.cache, plan.salt, { metaKey: read.metaKey, resources: post.resources, digest: read.digest, feeds: plan.feeds, task: planned.task });
  // Cached by the thread that renders it, as the full build's are (the build adopts it: `accept`).
  return { key, task: { post, text, feeds: plan.feeds, ...planned.task, cache: context.cache.paths(key) } };
}

/** Whether `meta` still sits where the plan saw it: the same neighbours, feed flag and links to it. */
function keptPlace(meta: PostMeta, planned: PlannedPost, context: EarlyContext): boolean {
  if (!isPublished(meta, { ...context.options, now: context.now })) return false;
  if (meta.url !== planned.url || meta.kind !== planned.kind || meta.section !== planned.section) return false;
  if (termsOf(meta, context.config) !== planned.terms) return false;
  if (planned.newer && compareNewest(planned.newer as PostMeta, meta) >= 0) return false;
  if (planned.older && compareNewest(meta, planned.older as PostMeta) >= 0) return false;
  return true;
}

/** The sort fields of a post (what {@link keptPlace} compares against). */
export function sortKey(post: PostMeta | undefined): PlannedPost['newer'] {
  return post ? { date: post.date, title: post.title, sourcePath: post.sourcePath, weight: post.weight } : undefined;
}
