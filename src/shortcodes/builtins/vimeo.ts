/**
 * `{{< vimeo ID >}}` with Hugo's parameters (id, class, title, loading,
 * allowFullScreen), or `{{< vimeo ID class title >}}` by position as in
 * Hugo 0.111; any Vimeo URL works as the id. Do-not-track is on unless
 * `dnt=false`.
 */
import type { ShortcodeHandler } from '../types.js';
import { parseVimeo, vimeoPlayerUrl, vimeoWatchUrl } from '../../video/vimeo.js';
import { facade, facadeParams } from './facade.js';
import { getFlag, getSeconds } from './params.js';
import { missingId } from './messages.js';

/** The `vimeo` shortcode. */
export const vimeo: ShortcodeHandler = (node, ctx) => {
  const raw = ctx.get('id', 0)?.trim();
  if (!raw) return missingId(ctx, 'vimeo', 'a numeric Vimeo id or a Vimeo URL');
  const parsed = parseVimeo(raw);
  if (!parsed) {
    ctx.report(`Unexpected Vimeo video id \`${raw}\`, expected a numeric id (\`55073825\`) or a Vimeo URL`, 'invalid-video-id', {
      fatal: true,
    });
    return undefined;
  }
  const video = { ...parsed };
  const start = getSeconds(ctx, 'start');
  if (start !== undefined) video.start = start;
  const autoplay = getFlag(ctx, 'autoplay');
  return facade(
    {
      platform: 'vimeo',
      id: video.id,
      embedSrc: vimeoPlayerUrl(video, { autoplay: autoplay !== false, dnt: getFlag(ctx, 'dnt') }),
      watchUrl: vimeoWatchUrl(video),
      start: video.start,
      allowFullScreen: getFlag(ctx, 'allowFullScreen', ['allowFullScreen', 'allowfullscreen']),
    },
    ctx,
    { class: 1, title: 2 },
  );
};
vimeo.params = ['id', 'start', 'autoplay', 'dnt', 'allowFullScreen', 'allowfullscreen', ...facadeParams];
vimeo.positional = ['id', 'class', 'title'];
vimeo.embed = true;
