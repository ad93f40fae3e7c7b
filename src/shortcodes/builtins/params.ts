/**
 * Reading typed shortcode arguments (flags, seconds, sizes) with a warning
 * for values that do not parse, so a typo never silently changes a player.
 */
import type { ShortcodeContext } from '../types.js';
import { parseSeconds } from '../../video/time.js';
import { safeUrl, type UrlKind } from './url.js';

/** First defined argument among `names` (aliases), else the positional one. */
export function getAny(ctx: ShortcodeContext, names: readonly string[], position?: number): string | undefined {
  for (const name of names) {
    const value = ctx.get(name);
    if (value !== undefined) return value;
  }
  return position === undefined ? undefined : ctx.get(names[0]!, position);
}

/** A boolean argument: `true/false/1/0` (any case); `undefined` when absent or invalid (warned). */
export function getFlag(ctx: ShortcodeContext, name: string, names: readonly string[] = [name]): boolean | undefined {
  const value = getAny(ctx, names);
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  ctx.report(`Unexpected \`${name}\` value \`${value}\`, expected \`true\` or \`false\``, 'invalid-parameter');
  return undefined;
}

/** A time argument in seconds (`90`, `1m30s`, `1:30`); `undefined` when absent or invalid (warned). */
export function getSeconds(ctx: ShortcodeContext, name: string, names: readonly string[] = [name]): number | undefined {
  const value = getAny(ctx, names);
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = parseSeconds(value);
  if (seconds === undefined) {
    ctx.report(`Unexpected \`${name}\` value \`${value}\`, expected seconds (\`90\`) or a time (\`1m30s\`, \`1:30\`)`, 'invalid-parameter');
  }
  return seconds;
}

/** A positive whole number (a page, a width); `undefined` when absent or invalid (warned). */
export function getCount(ctx: ShortcodeContext, name: string, names: readonly string[] = [name], position?: number): number | undefined {
  const value = getAny(ctx, names, position);
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim()) && Number(value) > 0) return Number(value);
  ctx.report(`Unexpected \`${name}\` value \`${value}\`, expected a whole number above 0`, 'invalid-parameter');
  return undefined;
}

/** A URL argument passed through `safeUrl`; an unsafe one is warned about (`unsafe-url`) and dropped. */
export function getUrl(ctx: ShortcodeContext, name: string, kind: UrlKind = 'link'): string | undefined {
  const value = ctx.get(name);
  if (value === undefined || value.trim() === '') return undefined;
  const url = safeUrl(value, kind);
  if (url === undefined) {
    ctx.report(
      `Unexpected unsafe URL \`${value}\` in \`${name}\`, expected an \`https:\` or relative URL; the attribute was dropped`,
      'unsafe-url',
    );
  }
  return url;
}

/** Space-separated classes of a `class` argument (or the one at `position`). */
export function getClasses(ctx: ShortcodeContext, position?: number): string[] {
  return (ctx.get('class', position) ?? '').split(/\s+/).filter(Boolean);
}

/** `lazy` (default) or `eager`, from a `loading` argument. */
export function getLoading(ctx: ShortcodeContext): 'lazy' | 'eager' {
  const value = ctx.get('loading');
  if (value === undefined || value === 'lazy') return 'lazy';
  if (value === 'eager') return 'eager';
  ctx.report(`Unexpected \`loading\` value \`${value}\`, expected \`lazy\` or \`eager\``, 'invalid-parameter');
  return 'lazy';
}
