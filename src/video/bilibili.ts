/**
 * Bilibili ids and URLs: BV ids (`BV1ZG411S75r`) and av ids (`av170001`),
 * the https player URL (autoplay off unless asked) and the watch page.
 */
import { parseSeconds } from './time.js';

/** A BV id: `BV1` and nine base58 characters (no 0, O, I or l). */
export const bvidPattern = /^BV1[1-9A-HJ-NP-Za-km-z]{9}$/;

/** An av id's number (with or without the `av` prefix). */
export const aidPattern = /^(?:av)?([1-9]\d{0,15})$/i;

/** A bilibili video: a BV id or an av number, with page and start time. */
export interface BilibiliVideo {
  bvid?: string;
  aid?: string;
  /** 1-based page of a multi-part video. */
  page?: number;
  /** Start offset in seconds. */
  start?: number;
}

/** Normalizes a BV id (accepting a lowercase `bv` prefix); `undefined` if invalid. */
export function parseBvid(text: string): string | undefined {
  const id = text.trim().replace(/^bv/i, 'BV');
  return bvidPattern.test(id) ? id : undefined;
}

/** The av number of `av170001` or `170001`; `undefined` if invalid. */
export function parseAid(text: string): string | undefined {
  return aidPattern.exec(text.trim())?.[1];
}

const hosts = /^(?:(?:www|m|player)\.)?bilibili\.com$|^b23\.tv$/;

/**
 * Parses a BV id, an av id, or a bilibili URL (`/video/BV…/?p=2&t=30`,
 * `b23.tv/BV…`, `player.bilibili.com/player.html?bvid=…`). `undefined` when
 * nothing valid is found.
 */
export function parseBilibili(input: string): BilibiliVideo | undefined {
  const text = input.trim();
  const bvid = parseBvid(text);
  if (bvid) return { bvid };
  if (/^av\d+$/i.test(text)) {
    const aid = parseAid(text);
    return aid ? { aid } : undefined;
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : 'https://' + text);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || !hosts.test(url.hostname.toLowerCase())) return undefined;
  const q = url.searchParams;
  const segments = url.pathname.split('/').filter(Boolean);
  const candidate = segments[0] === 'video' ? segments[1] : url.hostname === 'b23.tv' ? segments[0] : undefined;
  const video: BilibiliVideo = {};
  const fromPath = candidate ?? '';
  const pathBv = parseBvid(fromPath);
  if (pathBv) video.bvid = pathBv;
  else if (/^av\d+$/i.test(fromPath)) video.aid = parseAid(fromPath);
  else if (q.get('bvid')) video.bvid = parseBvid(q.get('bvid')!);
  else if (q.get('aid')) video.aid = parseAid(q.get('aid')!);
  if (!video.bvid && !video.aid) return undefined;
  const page = Number(q.get('p') ?? q.get('page'));
  if (Number.isInteger(page) && page > 1) video.page = page;
  const start = parseSeconds(q.get('t'));
  if (start) video.start = start;
  return video;
}

/** Player parameters of the bilibili embed. */
export interface BilibiliPlayerOptions {
  /** Default false: `autoplay=0` is always sent, since the player autoplays otherwise. */
  autoplay?: boolean;
  muted?: boolean;
  /** Bullet comments; left to the player when undefined. */
  danmaku?: boolean;
}

/** The https player URL of a video (`player.bilibili.com/player.html?…`). */
export function bilibiliPlayerUrl(video: BilibiliVideo, options: BilibiliPlayerOptions = {}): string {
  const params = new URLSearchParams();
  if (video.bvid) params.set('bvid', video.bvid);
  else if (video.aid) params.set('aid', video.aid);
  else throw new Error('bilibiliPlayerUrl: expected a `bvid` or an `aid`');
  params.set('page', String(video.page ?? 1));
  params.set('autoplay', options.autoplay ? '1' : '0');
  if (video.start) params.set('t', String(video.start));
  if (options.muted) params.set('muted', '1');
  if (options.danmaku !== undefined) params.set('danmaku', options.danmaku ? '1' : '0');
  params.set('high_quality', '1');
  return `https://player.bilibili.com/player.html?${params}`;
}

/** The watch page of a video, at its page and start time when given. */
export function bilibiliWatchUrl(video: BilibiliVideo): string {
  const id = video.bvid ?? `av${video.aid}`;
  const params = new URLSearchParams();
  if (video.page && video.page > 1) params.set('p', String(video.page));
  if (video.start) params.set('t', String(video.start));
  const query = params.size ? `?${params}` : '';
  return `https://www.bilibili.com/video/${encodeURIComponent(id)}/${query}`;
}
