/**
 * Messages shared by the video handlers.
 */
import type { ShortcodeContext } from '../types.js';

/** Reports a shortcode without a video id (an error: the embed is dropped). */
export function missingId(ctx: ShortcodeContext, name: string, expected: string): undefined {
  ctx.report(
    `Missing video id in \`${name}\`, expected \`{{< ${name} ID >}}\` with ${expected}`,
    'missing-video-id',
    { fatal: true },
  );
  return undefined;
}
