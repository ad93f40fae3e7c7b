/**
 * A page's own menu entries (Hugo's `menu` front matter): `menu: main`,
 * `menu: [main, footer]`, or a mapping of menu names to entries
 * (`menu: {main: {weight: 10, name: 关于, identifier: about, parent: …}}`,
 * TOML `[menu.main]`). Each problem is reported at its value and the entry
 * is kept with its defaults, as Hugo keeps it.
 */
import type { PageMenuEntry } from '../types.js';
import type { MatterPath } from './locate.js';
import { describe, isRecord, label, readString, wrongType } from './fields.js';
import type { FieldContext } from './fields.js';

/** What an entry falls back on: the page's link title and weight (Hugo's defaults). */
export interface MenuDefaults {
  name: string;
  weight?: number;
}

const entryKeys = ['name', 'identifier', 'parent', 'weight'] as const;

/** Reads `menu` (or `menus`) into one entry per menu. */
export function readMenu(ctx: FieldContext, path: MatterPath, value: unknown, defaults: MenuDefaults): PageMenuEntry[] {
  const entry = (menu: string): PageMenuEntry => ({ menu, name: defaults.name, weight: defaults.weight ?? 0 });
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() ? [entry(value.trim())] : [];
  if (Array.isArray(value)) {
    const result: PageMenuEntry[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string' && item.trim()) result.push(entry(item.trim()));
      else if (item !== null && item !== undefined) wrongType(ctx, [...path, index], item, 'a menu name such as `main`');
    });
    return result;
  }
  if (!isRecord(value)) return wrongType(ctx, path, value, 'a menu name (`main`), a list of names or a mapping of menu names to entries') ?? [];
  const result: PageMenuEntry[] = [];
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    const fields = value[key];
    // Hugo reads mapping keys lower-cased: `Main:` is the `main` menu.
    const item = entry(key.toLowerCase());
    if (fields !== null && fields !== undefined && !isRecord(fields)) {
      wrongType(ctx, at, fields, 'a mapping with `weight`, `name`, `identifier` or `parent` (or nothing)');
      continue;
    }
    for (const field of Object.keys(fields ?? {})) {
      const name = entryKeys.find((known) => known === field.toLowerCase());
      if (name === 'weight') readWeight(ctx, [...at, field], fields![field], item);
      else if (name) {
        const text = readString(ctx, [...at, field], fields![field]);
        if (text !== undefined) item[name] = text;
      }
    }
    result.push(item);
  }
  return result;
}

/** `weight`: a number (lowest first; `0` or none sorts last, as in Hugo). */
function readWeight(ctx: FieldContext, path: MatterPath, value: unknown, item: PageMenuEntry): void {
  if (value === null || value === undefined) return;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) {
    item.weight = number;
    return;
  }
  ctx.report(`Unexpected ${describe(value)} for \`${label(path)}\`, expected a number such as \`10\`: entries are ordered by weight, lowest first`, 'invalid-field-type', path, { fatal: true });
}
