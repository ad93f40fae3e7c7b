/**
 * Video structured data: a schema.org `VideoObject` per video (with the
 * transcript, chapters as `Clip`s and a `SeekToAction`), and a `<script
 * type="application/ld+json">` element whose text cannot end the script.
 */
import type { Element } from 'hast';
import type { VideoRef } from '../types.js';
import { embedUrl, thumbnailUrl, watchUrl } from './platforms.js';
import type { Chapter } from './types.js';

/** What `videoJsonLd` needs to know about the post. */
export interface VideoPost {
  title: string;
  description?: string;
  /** Plain-text summary (`PostContent.summaryText`), used when there is no description. */
  summaryText?: string;
  date?: Date;
  /** Poster image: absolute, or site-relative (made absolute with `absoluteUrl`). */
  image?: string;
  /** Site-relative URL of the post (`/post/foo/`). */
  url: string;
}

/**
 * One `VideoObject` per video, each with its own `@context` (a JSON-LD array).
 * `absoluteUrl` turns a site-relative URL into an absolute one. The seek
 * target is the post itself (`?t=` is read by `interview.js`). The chapters go
 * to the first video of each platform: a later one on the same platform is
 * another part (`P2`, named so), not the same talk.
 */
export function videoJsonLd(
  post: VideoPost,
  videos: readonly VideoRef[],
  chapters: readonly Chapter[],
  transcriptText: string,
  absoluteUrl: (url: string) => string,
): Array<Record<string, unknown>> {
  const page = absoluteUrl(post.url);
  const image = post.image ? (/^https?:\/\//i.test(post.image) ? post.image : absoluteUrl(post.image)) : undefined;
  return videos.map((video, n) => {
    // Parts of a talk (bilibili P1, P2) share a platform: the chapters are the first part's;
    // the same talk on another platform shares them.
    const withChapters = videos.findIndex((v) => v.platform === video.platform) === n;
    const thumbnails = [thumbnailUrl(video), image].filter((u): u is string => Boolean(u));
    const object: Record<string, unknown> = {
      '@context': 'https://schema.org',
      '@type': 'VideoObject',
      name: video.title ?? (video.page && video.page > 1 ? `${post.title} (P${video.page})` : post.title),
      description: post.description || post.summaryText || post.title,
      ...(thumbnails.length ? { thumbnailUrl: thumbnails } : {}),
      ...(post.date ? { uploadDate: post.date.toISOString() } : {}),
      embedUrl: embedUrl(video),
      contentUrl: watchUrl(video),
      url: page,
      ...(transcriptText.trim() ? { transcript: transcriptText.trim() } : {}),
    };
    if (chapters.length && withChapters) {
      object.hasPart = chapters.map((chapter, i) => ({
        '@type': 'Clip',
        name: chapter.title,
        startOffset: chapter.start,
        ...(chapters[i + 1] ? { endOffset: chapters[i + 1]!.start } : {}),
        url: watchUrl(video, chapter.start),
      }));
    }
    object.potentialAction = {
      '@type': 'SeekToAction',
      target: `${page}${page.includes('?') ? '&' : '?'}t={seek_to_second_number}`,
      'startOffset-input': 'required name=seek_to_second_number',
    };
    return object;
  });
}

/**
 * `<script type="application/ld+json">` holding `data` as JSON, with `<`, `>`,
 * `&`, U+2028 and U+2029 written as `\uXXXX` so no value can close the script
 * or break it in older parsers.
 */
export function jsonLdScript(data: unknown): Element {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return { type: 'element', tagName: 'script', properties: { type: 'application/ld+json' }, children: [{ type: 'text', value: json }] };
}
