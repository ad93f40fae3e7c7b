/**
 * Front-matter dates. js-yaml's default schema leaves `2023-11-16` as a
 * string and TOML gives `Date`s, so every date passes through here: the
 * accepted forms are parsed by hand and checked to really exist
 * (`2023-02-30` is rejected, where `new Date()` would roll it over).
 */
import { TomlDate } from 'smol-toml';

/** Result of {@link parseDate}: a date, or why the value is not one. */
export type ParsedDate = { ok: true; date: Date } | { ok: false; reason: 'format' | 'nonexistent' };

// YYYY-MM-DD, optionally followed by `T` or one space, HH:MM[:SS[.fff]], and a zone.
const dateRe =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses a front-matter date: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, or full
 * ISO 8601 with a time and zone, or a `Date` (from TOML or code). Values
 * without a zone are read as UTC (Hugo's default time zone), so a build gives
 * the same result on every machine.
 */
export function parseDate(value: unknown): ParsedDate {
  if (value instanceof Date) {
    // TOML's TomlDate subclasses Date; a TOML time of day alone is no date.
    if (value instanceof TomlDate && value.isTime()) return { ok: false, reason: 'format' };
    const time = value.getTime();
    return Number.isNaN(time) ? { ok: false, reason: 'format' } : { ok: true, date: new Date(time) };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'format' };
  const match = dateRe.exec(value.trim());
  if (!match) return { ok: false, reason: 'format' };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'nonexistent' };
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'nonexistent' };
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly.
  if (year < 100) {
    const fixed = new Date(time);
    fixed.setUTCFullYear(year);
    time = fixed.getTime();
  }
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = Number(digits.slice(2) || '0');
    if (zh > 23 || zm > 59) return { ok: false, reason: 'nonexistent' };
    time -= sign * (zh * 60 + zm) * 60_000;
  }
  return { ok: true, date: new Date(time) };
}

/** Days in a month (1-12) of a proleptic Gregorian year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
