/**
 * The click-to-load facade shared by every video host: a poster and a real
 * `<button>` in a 16:9 frame, a `<noscript>` link over the poster and a
 * caption link to the platform. Nothing here makes a request to a video
 * host; `/assets/embed.js` swaps in the player from the `data-*` attributes.
 */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { VideoRef } from '../../types.js';
import { shortcodeLabels } from '../labels.js';
import type { ShortcodeContext } from '../types.js';
import { youtubeThumbnailUrl } from '../../video/youtube.js';
import { getClasses, getLoading, getUrl } from './params.js';
import { safeUrl } from './url.js';

/** Display names of the platforms (also the `data-platform` keys). */
export const platformNames: Record<VideoRef['platform'], string> = {
  youtube: 'YouTube',
  bilibili: 'Bilibili',
  vimeo: 'Vimeo',
};

/** What a video handler knows once its arguments are checked. */
export interface FacadeVideo {
  platform: VideoRef['platform'];
  /** Id as the platform spells it (`data-video-id`). */
  id: string;
  /** Player URL loaded on click (autoplay on unless the writer said no). */
  embedSrc: string;
  /** Watch page on the platform (the no-JavaScript fallback). */
  watchUrl: string;
  /** Start offset in seconds, if any. */
  start?: number;
  /** False when the writer turned full screen off. */
  allowFullScreen?: boolean;
  /** Bilibili page, for the post's video list. */
  page?: number;
}

/** Shortcode arguments every video handler reads through `facade`. */
export const facadeParams = ['title', 'class', 'loading', 'poster'] as const;

/** Where `class` and `title` may be given by position instead (Hugo's `{{< vimeo ID class title >}}`). */
export interface FacadePositions {
  class?: number;
  title?: number;
}

/**
 * Builds the facade for `video`, reading `title`, `class` (named, or at
 * `positions`), `loading` and `poster` from the shortcode and registering the
 * video with the context. Its words follow the plugin's `language` option.
 */
export function facade(video: FacadeVideo, ctx: ShortcodeContext, positions: FacadePositions = {}): Element {
  const name = platformNames[video.platform];
  const labels = shortcodeLabels(ctx.options.language);
  const given = ctx.get('title', positions.title)?.trim();
  const postTitle = ctx.file.data.matter?.title;
  // Two parts under one post title would be two buttons with one name: say which part.
  const known = given || (postTitle && video.page && video.page > 1 ? `${postTitle} (P${video.page})` : postTitle);
  const title = known || labels.untitled(name);
  const loading = getLoading(ctx);
  const poster = posterUrl(video, ctx);
  const id = ctx.uniqueId('onair-embed');
  const ref: VideoRef = { platform: video.platform, id: video.id };
  if (video.page) ref.page = video.page;
  if (given) ref.title = given;
  ctx.addVideo(ref);

  const face: ElementContent[] = [];
  if (poster) face.push(h('img', { className: ['onair-embed-poster'], src: poster, alt: '', loading, decoding: 'async' }));
  face.push(
    h('span', { className: ['onair-embed-sr'] }, labels.play),
    h('span', { className: ['onair-embed-title'] }, title),
    h('span', { className: ['onair-embed-sr'] }, labels.on),
    h('span', { className: ['onair-embed-mark'] }, name),
    h('span', { className: ['onair-embed-icon'], ariaHidden: 'true' }),
  );
  return h(
    'figure',
    {
      className: ['onair-embed', ...getClasses(ctx, positions.class)],
      id,
      dataPlatform: video.platform,
      dataVideoId: video.id,
      dataEmbedSrc: video.embedSrc,
      dataStart: video.start ? String(video.start) : undefined,
      dataTitle: labels.player(known, name),
      dataLoading: loading === 'eager' ? 'eager' : undefined,
      dataAllowFullscreen: video.allowFullScreen === false ? 'false' : undefined,
      dataPoster: poster ? 'image' : 'placeholder',
    },
    [
      h('div', { className: ['onair-embed-frame'] }, [
        h('button', { type: 'button', className: ['onair-embed-play'] }, face),
        h('noscript', [h('a', { className: ['onair-embed-fallback'], href: video.watchUrl }, labels.watchTitle(title, name))]),
      ]),
      h('figcaption', { className: ['onair-embed-caption'] }, [
        h('a', { className: ['onair-embed-link'], href: video.watchUrl }, labels.watchOn(name)),
      ]),
    ],
  );
}

/**
 * The poster: the shortcode's `poster` (`false`/`none` forces the generated
 * placeholder), YouTube's thumbnail when the site opted in, the post's own
 * `image`, the plugin's `poster`, else none (the CSS placeholder).
 */
function posterUrl(video: FacadeVideo, ctx: ShortcodeContext): string | undefined {
  const given = ctx.get('poster')?.trim().toLowerCase();
  if (given === 'false' || given === 'none' || given === '0') return undefined;
  if (given && given !== 'true' && given !== '1') return getUrl(ctx, 'poster', 'image');
  if (ctx.options.remoteThumbnails && video.platform === 'youtube') return youtubeThumbnailUrl(video.id);
  const image = ctx.file.data.matter?.image ?? ctx.options.poster;
  return image ? safeUrl(image, 'image') : undefined;
}
