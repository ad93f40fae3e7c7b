/**
 * `{{< bilibili BVID [page] >}}` (positional, as in Hugo themes) or named
 * `bvid|aid|id`, `p|page`, `t`, `autoplay`, `muted`, `danmaku`, `poster`.
 * Renders the click-to-load facade for the https player.
 */
import type { ShortcodeHandler } from '../types.js';
import { bilibiliPlayerUrl, bilibiliWatchUrl, parseAid, parseBilibili, type BilibiliVideo } from '../../video/bilibili.js';
import { facade, facadeParams } from './facade.js';
import { getAny, getCount, getFlag, getSeconds } from './params.js';
import { missingId } from './messages.js';

/** The `bilibili` shortcode. */
export const bilibili: ShortcodeHandler = (node, ctx) => {
  const aidArg = ctx.get('aid')?.trim();
  const raw = (getAny(ctx, ['bvid', 'id'], 0) ?? aidArg)?.trim();
  if (!raw) return missingId(ctx, 'bilibili', 'a BV id (`BV1…`), an av id or a bilibili URL');
  const parsed: BilibiliVideo | undefined = raw === aidArg && parseAid(raw) ? { aid: parseAid(raw) } : parseBilibili(raw);
  if (!parsed) {
    ctx.report(
      `Unexpected bilibili video id \`${raw}\`, expected a BV id (\`BV\` and 10 letters or digits, such as \`BV1ZG411S75r\`), an av id (\`av170001\`) or a bilibili URL`,
      'invalid-video-id',
      { fatal: true },
    );
    return undefined;
  }
  const video: BilibiliVideo = { ...parsed };
  const page = getCount(ctx, 'page', ['p', 'page'], 1);
  if (page) video.page = page;
  const start = getSeconds(ctx, 't', ['t', 'start']);
  if (start !== undefined) video.start = start;
  const autoplay = getFlag(ctx, 'autoplay');
  const options = { muted: getFlag(ctx, 'muted'), danmaku: getFlag(ctx, 'danmaku') };
  return facade(
    {
      platform: 'bilibili',
      id: video.bvid ?? `av${video.aid}`,
      embedSrc: bilibiliPlayerUrl(video, { ...options, autoplay: autoplay !== false }),
      watchUrl: bilibiliWatchUrl(video),
      start: video.start,
      page: video.page,
    },
    ctx,
  );
};
bilibili.params = ['bvid', 'aid', 'id', 'p', 'page', 't', 'start', 'autoplay', 'muted', 'danmaku', ...facadeParams];
bilibili.embed = true;
