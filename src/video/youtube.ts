/**
 * YouTube ids and URLs: parse every form a writer pastes, build the
 * privacy-friendly embed URL and the watch-page link.
 */
import { parseSeconds } from './time.js';

/** A YouTube video id: exactly 11 characters of `[A-Za-z0-9_-]`. */
export const youtubeIdPattern = /^[A-Za-z0-9_-]{11}$/;

/** What `parseYouTube` finds: the id and, when the URL had one, a start time. */
export interface YouTubeVideo {
  id: string;
  /** Start offset in seconds (`t=`, `start=`, `#t=`). */
  start?: number;
}

const hosts = /^(?:(?:www|m|music)\.)?(?:youtube\.com|youtube-nocookie\.com)$/;

/**
 * Parses a bare id or any YouTube URL (`watch?v=`, `youtu.be/`, `/shorts/`,
 * `/embed/`, `/live/`, `/v/`, with or without scheme, with `t=`/`start=`).
 * Returns `undefined` when no valid id is found.
 */
export function parseYouTube(input: string): YouTubeVideo | undefined {
  const text = input.trim();
  if (youtubeIdPattern.test(text)) return { id: text };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : 'https://' + text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  let id: string | null | undefined;
  if (host === 'youtu.be' || host === 'www.youtu.be') id = segments[0];
  else if (hosts.test(host)) {
    if (segments[0] === 'watch') id = url.searchParams.get('v');
    else if (['shorts', 'embed', 'live', 'v', 'e'].includes(segments[0] ?? '')) id = segments[1];
  }
  if (!id || !youtubeIdPattern.test(id)) return undefined;
  const hash = new URLSearchParams(url.hash.slice(1));
  const start = parseSeconds(url.searchParams.get('t') ?? url.searchParams.get('start') ?? hash.get('t'));
  return start ? { id, start } : { id };
}

/** Player parameters of the embed URL (YouTube's own names). */
export interface YouTubeEmbedOptions {
  start?: number;
  end?: number;
  /** Default false. */
  autoplay?: boolean;
  loop?: boolean;
  mute?: boolean;
  /** Default true. */
  controls?: boolean;
}

/** The `youtube-nocookie.com` embed URL of a video. */
export function youtubeEmbedUrl(id: string, options: YouTubeEmbedOptions = {}): string {
  const params = new URLSearchParams();
  params.set('autoplay', options.autoplay ? '1' : '0');
  if (options.start) params.set('start', String(options.start));
  if (options.end) params.set('end', String(options.end));
  if (options.mute) params.set('mute', '1');
  if (options.controls === false) params.set('controls', '0');
  // YouTube loops a single video only when it is also its own playlist.
  if (options.loop) params.set('loop', '1'), params.set('playlist', id);
  params.set('rel', '0');
  return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}?${params}`;
}

/** The watch page of a video, at `start` seconds when given. */
export function youtubeWatchUrl(id: string, start?: number): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(id)}${start ? `&t=${start}s` : ''}`;
}

/** YouTube's public thumbnail (a request to its image host: opt-in only). */
export function youtubeThumbnailUrl(id: string): string {
  return `https://i.ytimg.com/vi/${encodeURIComponent(id)}/hqdefault.jpg`;
}
