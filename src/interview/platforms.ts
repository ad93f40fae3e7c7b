/**
 * The interview plugin's view of video platforms, on top of `src/video`:
 * parse a shortcode argument or a watch URL into a `VideoRef`, and build the
 * watch (at a time), embed and thumbnail URLs of a `VideoRef`.
 */
import type { VideoRef } from '../types.js';
import { bilibiliPlayerUrl, bilibiliWatchUrl, parseBilibili, type BilibiliVideo } from '../video/bilibili.js';
import { parseVimeo, vimeoPlayerUrl, vimeoWatchUrl } from '../video/vimeo.js';
import { parseYouTube, youtubeEmbedUrl, youtubeThumbnailUrl, youtubeWatchUrl } from '../video/youtube.js';
import type { Platform } from './types.js';

/** Display names of the platforms (tab labels, metadata links). */
export const platformNames: Record<Platform, string> = {
  youtube: 'YouTube',
  bilibili: 'Bilibili',
  vimeo: 'Vimeo',
};

/** True for the platforms onair knows. */
export function isPlatform(value: unknown): value is Platform {
  return value === 'youtube' || value === 'bilibili' || value === 'vimeo';
}

/** Parses an id or URL of `platform` (as the shortcodes accept them) into a video; `undefined` when invalid. */
export function parseVideo(platform: Platform, input: string): VideoRef | undefined {
  if (platform === 'youtube') {
    const v = parseYouTube(input);
    return v && { platform, id: v.id };
  }
  if (platform === 'vimeo') {
    const v = parseVimeo(input);
    return v && { platform, id: v.id };
  }
  const v = parseBilibili(input);
  if (!v) return undefined;
  const ref: VideoRef = { platform, id: v.bvid ?? `av${v.aid}` };
  if (v.page && v.page > 1) ref.page = v.page;
  return ref;
}

/** True when `id` is a well-formed id on `platform`. */
export function isValidVideoId(platform: Platform, id: string): boolean {
  return parseVideo(platform, id)?.id === id;
}

function bilibili(video: VideoRef, start?: number): BilibiliVideo {
  const ref: BilibiliVideo = video.id.startsWith('av') ? { aid: video.id.slice(2) } : { bvid: video.id };
  if (video.page) ref.page = video.page;
  if (start) ref.start = start;
  return ref;
}

/** The platform's watch page, at `seconds` when given (YouTube `&t=754s`, bilibili `?t=754`, Vimeo `#t=754s`). */
export function watchUrl(video: VideoRef, seconds?: number): string {
  const t = seconds === undefined ? undefined : Math.floor(seconds);
  switch (video.platform) {
    case 'youtube':
      return youtubeWatchUrl(video.id, t);
    case 'bilibili':
      return bilibiliWatchUrl(bilibili(video, t));
    case 'vimeo':
      return vimeoWatchUrl({ id: video.id, start: t });
  }
}

/** The platform's embeddable player URL (for `embedUrl`, `og:video`, `twitter:player`). */
export function embedUrl(video: VideoRef): string {
  switch (video.platform) {
    case 'youtube':
      return youtubeEmbedUrl(video.id);
    case 'bilibili':
      return bilibiliPlayerUrl(bilibili(video));
    case 'vimeo':
      return vimeoPlayerUrl({ id: video.id });
  }
}

/** A public thumbnail URL, where the platform has one without an API call. */
export function thumbnailUrl(video: VideoRef): string | undefined {
  return video.platform === 'youtube' ? youtubeThumbnailUrl(video.id) : undefined;
}

/** Parses a watch URL of any platform into a video; `undefined` for any other URL. */
export function parseVideoUrl(value: string): VideoRef | undefined {
  if (!/^https?:\/\//i.test(value.trim())) return undefined;
  for (const platform of ['youtube', 'bilibili', 'vimeo'] as const) {
    const video = parseVideo(platform, value);
    if (video) return video;
  }
  return undefined;
}
