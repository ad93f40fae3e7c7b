/**
 * Readers for single front-matter values: each checks one type, reports a
 * problem at the value's own place, and returns the clean value or
 * `undefined`. Shared by the post schema and its list fields.
 */
import { parseDate } from './dates.js';
import type { MatterPath } from './locate.js';
import { formatList } from './matter-format.js';
import type { MatterFormat } from './matter-format.js';
import { unsafeUrlScheme } from './unsafe-url.js';

/** Where readers report problems, and how the front matter is written. */
export interface FieldContext {
  /** The front matter's syntax, for the fixes shown in messages. */
  format: MatterFormat;
  /** Adds a message at `path` (its value, or its key with `at: 'key'`); `fatal` makes it an error. */
  report(reason: string, ruleId: string, path: MatterPath, options?: { fatal?: boolean; at?: 'key' | 'value' }): void;
}

/** Keys that could reach `Object.prototype` if copied naively. */
export const reservedKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** `metadata[0].link` for messages. */
export function label(path: MatterPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');
}

/** Names a value's type for "Unexpected X" reasons. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `string \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `${typeof value} \`${String(value)}\``;
}

/** True for a non-null, non-array, non-Date object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Reports a wrong type at `path`. */
export function wrongType(ctx: FieldContext, path: MatterPath, value: unknown, expected: string): undefined {
  ctx.report(`Unexpected ${describe(value)} for \`${label(path)}\`, expected ${expected}`, 'invalid-field-type', path, {
    fatal: true,
  });
  return undefined;
}

/** A string (numbers are written as text); empty strings are absent. */
export function readString(ctx: FieldContext, path: MatterPath, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return wrongType(ctx, path, value, 'a string (quote it: `"…"`)');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A boolean; `"true"`/`"false"` strings are accepted. */
export function readBoolean(ctx: FieldContext, path: MatterPath, value: unknown): boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return wrongType(ctx, path, value, '`true` or `false`');
}

/** A number (numeric strings accepted). */
export function readNumber(ctx: FieldContext, path: MatterPath, value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) return number;
  return wrongType(ctx, path, value, 'a number');
}

/** A date that exists: see `parseDate` for the accepted forms. */
export function readDate(ctx: FieldContext, path: MatterPath, value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const parsed = parseDate(value);
  if (parsed.ok) return parsed.date;
  const shown = value instanceof Date ? 'invalid date' : describe(value);
  const reason =
    parsed.reason === 'nonexistent'
      ? `Unexpected ${shown} for \`${label(path)}\`, expected a date that exists on the calendar`
      : `Unexpected ${shown} for \`${label(path)}\`, expected a date: \`YYYY-MM-DD\`, \`YYYY-MM-DD HH:MM[:SS]\` or ISO 8601 (\`2023-11-16T10:00:00+08:00\`)`;
  ctx.report(reason, 'invalid-date', path, { fatal: true });
  return undefined;
}

/**
 * A list of terms (tags, categories, keywords): strings or numbers, trimmed,
 * empty ones dropped, duplicates removed. A single string is one term, with a
 * warning when `warnString` is set.
 */
export function readTerms(ctx: FieldContext, path: MatterPath, value: unknown, warnString = true): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string' || typeof value === 'number') {
    const term = String(value).trim();
    if (warnString) {
      // The fix keeps a number a number (`tags: [2023]`): it reads as the same term.
      const item = typeof value === 'number' && Number.isFinite(value) ? value : term;
      const fix = formatList(ctx.format, String(path.at(-1)), term ? [item] : []);
      ctx.report(`Unexpected string for \`${label(path)}\`, expected a list; \`${term}\` is used as one term (write \`${fix}\`)`, 'string-as-list', path);
    }
    return term ? [term] : [];
  }
  if (!Array.isArray(value)) return wrongType(ctx, path, value, 'a list of strings') ?? [];
  const terms = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item === 'string' || typeof item === 'number') {
      const term = String(item).trim();
      if (term) terms.add(term);
    } else if (item !== null && item !== undefined) {
      wrongType(ctx, [...path, index], item, 'a string');
    }
  });
  return [...terms];
}

/** A URL string; `javascript:`/`vbscript:`/`data:` (non-image) URLs are dropped with a warning. */
export function readUrl(ctx: FieldContext, path: MatterPath, value: unknown, image: boolean): string | undefined {
  const url = readString(ctx, path, value);
  if (url === undefined) return undefined;
  const scheme = unsafeUrlScheme(url, { image });
  if (!scheme) return url;
  ctx.report(
    `Unexpected \`${scheme}:\` URL in \`${label(path)}\`, expected an \`https:\` or relative URL; the value is dropped because it could run script`,
    'unsafe-url',
    path,
  );
  return undefined;
}

/** Copies plain data, dropping keys that could pollute prototypes (warned). */
export function cleanData(ctx: FieldContext, path: MatterPath, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => cleanData(ctx, [...path, index], item));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (reservedKeys.has(key)) {
      reportReserved(ctx, [...path, key]);
      continue;
    }
    copy[key] = cleanData(ctx, [...path, key], value[key]);
  }
  return copy;
}

/** Warns about a `__proto__`/`constructor`/`prototype` key. */
export function reportReserved(ctx: FieldContext, path: MatterPath): void {
  ctx.report(
    `Unexpected key \`${label(path)}\`, expected a regular name: \`${String(path.at(-1))}\` is reserved and ignored; rename it`,
    'reserved-key',
    path,
    { at: 'key' },
  );
}
