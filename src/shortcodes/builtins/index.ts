/**
 * The built-in shortcode handlers, by name.
 */
import type { ShortcodeHandler } from '../types.js';
import { bilibili } from './bilibili.js';
import { comment } from './comment.js';
import { details } from './details.js';
import { figure } from './figure.js';
import { highlight } from './highlight.js';
import { gist, instagram } from './link-cards.js';
import { param } from './param.js';
import { qr } from './qr.js';
import { ref, relref } from './ref.js';
import { vimeo } from './vimeo.js';
import { tweet, x } from './x.js';
import { youtube } from './youtube.js';

/**
 * Built-in handlers (youtube, bilibili, vimeo, figure, highlight, ref, relref,
 * param, x, tweet, gist, instagram, details, comment, qr), and Hugo's other
 * names for them: `twitter`, `twitter_simple`, `vimeo_simple` and
 * `instagram_simple` (Hugo 0.111), `x_simple` (Hugo 0.141).
 */
export const builtins: Record<string, ShortcodeHandler> = {
  youtube, bilibili, vimeo, figure, highlight, ref, relref, param, x, tweet, gist, instagram, details, comment, qr,
  twitter: tweet, twitter_simple: tweet, x_simple: x, vimeo_simple: vimeo, instagram_simple: instagram,
};
