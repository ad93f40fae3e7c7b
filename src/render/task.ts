/**
 * A post task's plain data: what goes in, what comes back, and messages as
 * plain data, so tasks cross threads and results are cached. Light on
 * purpose: a build that renders nothing (everything cached) loads only this,
 * not the Markdown pipeline.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { ContentEntry } from '../content/load.js';
import type { EntryPaths } from '../output/cache.js';
import type { HeadFeed } from '../seo/head.js';
import type { Menus, PostContent, PostMeta } from '../types.js';
import type { PostLink } from './types.js';

/** What a post task needs (plain data). */
export interface PostTask {
  post: PostMeta;
  /** The post's Markdown (front matter included); when absent, the thread that renders reads it from `source`. */
  text?: string;
  /**
   * The post's file and the digest its text had when its front matter was
   * read: a text that changed since is rendered but marked `stale` (and not
   * cached under a key made from the old one).
   */
  source?: { entry: ContentEntry; root: string; digest: string };
  /** Where the result and the files go in the build cache (written by the thread that renders); absent: not cached. */
  cache?: EntryPaths;
  /** Older neighbour. */
  prev?: PostLink;
  /** Newer neighbour. */
  next?: PostLink;
  /** Keep the feed-safe HTML of the body (the post is in a feed). */
  feed?: boolean;
  /** Feeds the page advertises. */
  feeds?: HeadFeed[];
  /** The site's menus (a page that joins or leaves one changes every page). */
  menus?: Menus;
}

/** A vfile message as plain data. */
export interface PlainMessage {
  reason: string;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  place?: { start: { line: number; column: number }; end?: { line: number; column: number } };
}

/** What a post task gives back (plain data). */
export interface PostResult {
  /** Stats and summary for lists; absent when the post failed. */
  stats?: Omit<PostContent, 'body' | 'toc'>;
  feedHtml?: string;
  /** Output files written. */
  files?: string[];
  /** The `ref` lookups the body made (see `DataMap.refs`). */
  refs?: Array<[target: string, url: string | null]>;
  messages: PlainMessage[];
  /** The source had changed since its front matter was read (see `PostTask.source`): never cached or carried over. */
  stale?: boolean;
}

/** A neighbour link for prev/next. */
export function postLink(post: PostMeta | undefined): PostLink | undefined {
  return post ? { title: post.title, url: post.url, date: post.date } : undefined;
}

/** A vfile message as plain data (to cross threads or be kept). */
export function toPlain(message: VFileMessage): PlainMessage {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  const end = place && 'end' in place ? place.end : undefined;
  return {
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal,
    place: start && start.line ? { start: { line: start.line, column: start.column }, end: end ? { line: end.line, column: end.column } : undefined } : undefined,
  };
}

/** Puts plain messages back onto the post's VFile in the build's thread. */
export function restoreMessages(file: VFile, messages: readonly PlainMessage[]): void {
  if (messages.length === 0) return;
  // A restored message's stack would only point here: skip capturing it (most of the cost of a message).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const plain of messages) {
      const at = plain.place;
      const place = at ? (at.end ? { start: at.start, end: at.end } : at.start) : undefined;
      const message = file.message(plain.reason, { place, ruleId: plain.ruleId, source: plain.source });
      message.fatal = plain.fatal;
    }
  } finally {
    Error.stackTraceLimit = limit;
  }
}
