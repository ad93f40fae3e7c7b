/**
 * `{{< youtube ID >}}` (or `{{< youtube ID class >}}`, as Hugo 0.111 reads
 * them by position) with Hugo's parameters; any YouTube URL works as the id.
 * Renders the click-to-load facade for `youtube-nocookie.com`.
 */
import type { ShortcodeHandler } from '../types.js';
import { parseYouTube, youtubeEmbedUrl, youtubeWatchUrl } from '../../video/youtube.js';
import { facade, facadeParams } from './facade.js';
import { getFlag, getSeconds } from './params.js';
import { missingId } from './messages.js';

/** The `youtube` shortcode. */
export const youtube: ShortcodeHandler = (node, ctx) => {
  const raw = ctx.get('id', 0)?.trim();
  if (!raw) return missingId(ctx, 'youtube', 'an 11-character YouTube id or a YouTube URL');
  const video = parseYouTube(raw);
  if (!video) {
    ctx.report(
      `Unexpected YouTube video id \`${raw}\`, expected 11 characters of \`A-Z a-z 0-9 _ -\` or a YouTube URL`,
      'invalid-video-id',
      { fatal: true },
    );
    return undefined;
  }
  const start = getSeconds(ctx, 'start') ?? video.start;
  const end = getSeconds(ctx, 'end');
  const autoplay = getFlag(ctx, 'autoplay');
  const embedSrc = youtubeEmbedUrl(video.id, {
    // A click on the facade means "play": only an explicit `autoplay=false` waits for a second click.
    autoplay: autoplay !== false,
    start,
    end,
    loop: getFlag(ctx, 'loop'),
    mute: getFlag(ctx, 'mute'),
    controls: getFlag(ctx, 'controls'),
  });
  return facade(
    {
      platform: 'youtube',
      id: video.id,
      embedSrc,
      watchUrl: youtubeWatchUrl(video.id, start),
      start,
      allowFullScreen: getFlag(ctx, 'allowFullScreen', ['allowFullScreen', 'allowfullscreen']),
    },
    ctx,
    { class: 1 },
  );
};
youtube.params = ['id', 'start', 'end', 'autoplay', 'loop', 'mute', 'controls', 'allowFullScreen', 'allowfullscreen', ...facadeParams];
youtube.positional = ['id', 'class'];
youtube.embed = true;
