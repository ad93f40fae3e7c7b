/**
 * The built-in shortcode handlers, by name.
 */
import type { ShortcodeHandler } from '../types.js';

/** Built-in handlers (youtube, bilibili, vimeo, figure, highlight). */
export const builtins: Record<string, ShortcodeHandler> = {};
