/**
 * Vimeo ids and URLs: numeric ids, unlisted hashes, the do-not-track player
 * URL and the watch page.
 */
import { parseSeconds } from './time.js';

/** A Vimeo video id: digits only. */
export const vimeoIdPattern = /^\d{1,12}$/;

/** A Vimeo video: id, the unlisted-video hash and a start time. */
export interface VimeoVideo {
  id: string;
  /** Privacy hash of an unlisted video (`h=`). */
  hash?: string;
  start?: number;
}

/**
 * Parses a numeric id or a Vimeo URL (`vimeo.com/ID`, `vimeo.com/ID/HASH`,
 * `vimeo.com/channels/x/ID`, `player.vimeo.com/video/ID?h=…`, `#t=30s`).
 */
export function parseVimeo(input: string): VimeoVideo | undefined {
  const text = input.trim();
  if (vimeoIdPattern.test(text)) return { id: text };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : 'https://' + text);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || !/^(?:(?:www|player)\.)?vimeo\.com$/.test(url.hostname.toLowerCase())) {
    return undefined;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const index = segments.findIndex((segment) => vimeoIdPattern.test(segment));
  if (index < 0) return undefined;
  const video: VimeoVideo = { id: segments[index]! };
  const hash = url.searchParams.get('h') ?? segments[index + 1];
  if (hash && /^[\da-f]{6,20}$/i.test(hash)) video.hash = hash;
  const start = parseSeconds(new URLSearchParams(url.hash.slice(1)).get('t'));
  if (start) video.start = start;
  return video;
}

/** Player parameters of the Vimeo embed. */
export interface VimeoPlayerOptions {
  /** Default false. */
  autoplay?: boolean;
  /** Do not track the viewer. Default true. */
  dnt?: boolean;
}

/** The player URL (`player.vimeo.com/video/ID?dnt=1`, `#t=Ns` for a start). */
export function vimeoPlayerUrl(video: VimeoVideo, options: VimeoPlayerOptions = {}): string {
  const params = new URLSearchParams();
  if (video.hash) params.set('h', video.hash);
  if (options.dnt !== false) params.set('dnt', '1');
  params.set('autoplay', options.autoplay ? '1' : '0');
  const time = video.start ? `#t=${video.start}s` : '';
  return `https://player.vimeo.com/video/${encodeURIComponent(video.id)}?${params}${time}`;
}

/** The watch page of a video (with its hash and start time). */
export function vimeoWatchUrl(video: VimeoVideo): string {
  const hash = video.hash ? `/${encodeURIComponent(video.hash)}` : '';
  return `https://vimeo.com/${encodeURIComponent(video.id)}${hash}${video.start ? `#t=${video.start}s` : ''}`;
}
