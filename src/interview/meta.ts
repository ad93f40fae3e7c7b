/**
 * Open Graph video tags and a Twitter player card for a post's video.
 */
import type { Element } from 'hast';
import type { VideoRef } from '../types.js';
import { embedUrl } from './platforms.js';

/** Options of `videoMetaTags`. */
export interface MetaOptions {
  /** Player size. Default 1280 × 720. */
  width?: number;
  height?: number;
}

/**
 * `<meta>` elements for `video` (usually the post's first video): `og:video`,
 * `og:video:secure_url`, `og:video:type`, its width/height, and
 * `twitter:card=player` with `twitter:player` and its size.
 */
export function videoMetaTags(video: VideoRef, options: MetaOptions = {}): Element[] {
  const player = embedUrl(video);
  const width = String(options.width ?? 1280);
  const height = String(options.height ?? 720);
  const meta = (key: 'property' | 'name', name: string, content: string): Element => ({
    type: 'element',
    tagName: 'meta',
    properties: { [key]: name, content },
    children: [],
  });
  return [
    meta('property', 'og:video', player),
    meta('property', 'og:video:secure_url', player),
    meta('property', 'og:video:type', 'text/html'),
    meta('property', 'og:video:width', width),
    meta('property', 'og:video:height', height),
    meta('name', 'twitter:card', 'player'),
    meta('name', 'twitter:player', player),
    meta('name', 'twitter:player:width', width),
    meta('name', 'twitter:player:height', height),
  ];
}
