/**
 * Eager validation of `remarkShortcodes` options: a bad option is a
 * programmer error and throws at `.use()`, not per file.
 */
import { nearest } from '../util/nearest.js';
import type { ShortcodeOptions } from './types.js';

const keys = ['allowDangerousHtml', 'typographer', 'shortcodes', 'unknown', 'unknownFix', 'remoteThumbnails', 'poster', 'resolveRef', 'params', 'language', 'highlight'] as const;
const namePattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Check `options` and return a frozen copy without `undefined` fields. */
export function validateOptions(options: unknown): Readonly<ShortcodeOptions> {
  if (options === undefined || options === null) return Object.freeze({});
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`Unexpected \`remarkShortcodes\` options \`${String(options)}\`, expected an object`);
  }
  const result: ShortcodeOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(keys as readonly string[]).includes(key)) {
      const near = nearest(key, keys);
      throw new TypeError(`Unexpected \`remarkShortcodes\` option \`${key}\`, expected ${near ? `\`${near}\`` : 'one of ' + keys.map((k) => `\`${k}\``).join(', ')}`);
    }
    if (key === 'unknown' && value !== 'error' && value !== 'warn') {
      throw new TypeError(`Unexpected \`unknown\` option \`${String(value)}\`, expected \`'error'\` or \`'warn'\``);
    }
    if ((key === 'remoteThumbnails' || key === 'allowDangerousHtml' || key === 'typographer') && typeof value !== 'boolean') {
      throw new TypeError(`Unexpected \`${key}\` option \`${String(value)}\`, expected a boolean`);
    }
    if (key === 'unknownFix' && typeof value !== 'string') {
      throw new TypeError(`Unexpected \`unknownFix\` option \`${String(value)}\`, expected a string (\`{name}\` is the shortcode's name)`);
    }
    if (key === 'poster' && typeof value !== 'string') {
      throw new TypeError(`Unexpected \`poster\` option \`${String(value)}\`, expected a URL string`);
    }
    if (key === 'resolveRef' && typeof value !== 'function') {
      throw new TypeError(`Unexpected \`resolveRef\` option \`${String(value)}\`, expected a function \`(ref, from) => url\``);
    }
    if (key === 'params' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new TypeError(`Unexpected \`params\` option \`${String(value)}\`, expected an object`);
    }
    if (key === 'resolveRef' && typeof value !== 'function') {
      throw new TypeError(`Unexpected \`resolveRef\` option \`${String(value)}\`, expected a function \`(ref, from) => url\``);
    }
    if (key === 'params' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new TypeError(`Unexpected \`params\` option \`${String(value)}\`, expected an object`);
    }
    if (key === 'language' && typeof value !== 'string') {
      throw new TypeError(`Unexpected \`language\` option \`${String(value)}\`, expected a BCP 47 tag string such as \`'zh-CN'\` or \`'en'\``);
    }
    if (key === 'highlight' && !(typeof value === 'object' && value !== null && typeof (value as { light?: unknown }).light === 'string' && typeof (value as { dark?: unknown }).dark === 'string')) {
      throw new TypeError(`Unexpected \`highlight\` option \`${JSON.stringify(value)}\`, expected shiki theme names \`{light: 'github-light', dark: 'github-dark'}\``);
    }
    if (key === 'shortcodes') checkHandlers(value);
    (result as Record<string, unknown>)[key] = value;
  }
  return Object.freeze(result);
}

function checkHandlers(value: unknown) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Unexpected \`shortcodes\` option \`${String(value)}\`, expected an object of handlers by name`);
  }
  for (const [name, handler] of Object.entries(value)) {
    if (!namePattern.test(name)) {
      throw new TypeError(`Unexpected shortcode name \`${name}\` in \`shortcodes\`, expected letters, digits, \`_\`, \`-\` or \`.\``);
    }
    if (typeof handler !== 'function') {
      throw new TypeError(`Unexpected handler for shortcode \`${name}\`, expected a function \`(node, ctx) => hast\``);
    }
  }
}
