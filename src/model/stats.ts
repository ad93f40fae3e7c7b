/**
 * What list pages and feeds show about a post's body: summary, word count
 * and reading time.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { PostContent, PostMeta } from '../types.js';
import { countWords, readingTime } from './reading.js';
import { summarize } from './summary.js';

/**
 * Summary and counts of a post body. Removes the `<!--more-->` marker from
 * `body` (the summary is what came before it).
 */
export function postStats(body: Root, post: PostMeta, summaryLength: number, url?: string): Omit<PostContent, 'body' | 'toc' | 'hasEmbeds'> {
  const summary = summarize(body, { matterSummary: post.matterSummary ?? post.description, summaryLength, url });
  const count = countWords(toString(body));
  return {
    summary: summary.summary,
    summaryText: summary.text,
    truncated: summary.truncated,
    wordCount: count.total,
    readingTime: readingTime(count),
  };
}
