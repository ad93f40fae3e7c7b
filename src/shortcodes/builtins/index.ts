/**
 * The built-in shortcode handlers, by name.
 */
import type { ShortcodeHandler } from '../types.js';
import { bilibili } from './bilibili.js';
import { figure } from './figure.js';
import { highlight } from './highlight.js';
import { vimeo } from './vimeo.js';
import { youtube } from './youtube.js';

/** Built-in handlers (youtube, bilibili, vimeo, figure, highlight). */
export const builtins: Record<string, ShortcodeHandler> = { youtube, bilibili, vimeo, figure, highlight };
