/**
 * What list pages and feeds show about a post's body: summary, word count
 * and reading time.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { PostContent, PostMeta } from '../types.js';

/** Summary and counts of a post body. */
export function postStats(body: Root, post: PostMeta, summaryLength: number): Omit<PostContent, 'body' | 'toc' | 'hasEmbeds'> {
  const text = toString(body);
  const words = text.split(/\s+/).filter(Boolean);
  const summaryText = post.matterSummary ?? post.description ?? words.slice(0, summaryLength).join(' ');
  return {
    summary: [{ type: 'text', value: summaryText }],
    summaryText,
    truncated: true,
    wordCount: words.length,
    readingTime: Math.max(1, Math.round(words.length / 220)),
  };
}
