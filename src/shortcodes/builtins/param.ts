/**
 * `param`: a value from the page's front matter, else from the site's
 * params (`{{< param "guest" >}}`, dotted paths `{{< param "social.x" >}}`),
 * as Hugo's `.Page.Param`. Keys ignore case, as in Hugo.
 */
import type { ShortcodeHandler } from '../types.js';

/** Looks a dotted, case-insensitive key up in plain data. */
export function lookup(data: unknown, key: string): unknown {
  let value: unknown = data;
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const lower = part.toLowerCase();
    const found = Object.keys(value).find((k) => k.toLowerCase() === lower);
    value = found === undefined ? undefined : (value as Record<string, unknown>)[found];
  }
  return value;
}

/** A parameter as text: strings and numbers as they are, dates as ISO dates, lists joined by commas. */
function show(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(show).filter((v) => v !== undefined).join(', ');
  return undefined;
}

/** `{{< param "name" >}}`. */
export const param: ShortcodeHandler = (node, ctx) => {
  const key = ctx.get('name', 0)?.trim();
  if (!key) {
    ctx.report('Missing name in `param`, expected `{{< param "name" >}}`', 'missing-param-name', { fatal: true });
    return undefined;
  }
  const matter = ctx.file.data.matter;
  const own = matter ? (lookup(matter.params, key) ?? lookup(matter, key)) : undefined;
  const value = show(own ?? lookup(ctx.options.params, key));
  if (value === undefined) {
    ctx.report(`Unexpected \`param\` \`${key}\`, expected a key of the front matter or of the site's \`params\`: neither has it`, 'param-not-found', { fatal: true });
    return undefined;
  }
  return { type: 'text', value };
};
param.params = ['name'];
