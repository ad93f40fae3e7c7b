/**
 * Small formatting helpers shared by the templates: dates, numbers and term URLs
 * (term keys come from the model, so links match the term pages).
 * Dates are formatted in UTC so a build gives the same text on every machine.
 */
import { urlize } from '../../src/model/terms.js';

/** `2023-11-16` (for `<time datetime>`). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Creating a formatter costs far more than formatting, and every card on every list page shows a date: one per language.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A date for people: `2023年11月16日` in Chinese, `Nov 16, 2023` in English. */
export function displayDate(date: Date, language: string): string {
  let format = dateFormats.get(language);
  if (!format) dateFormats.set(language, (format = new Intl.DateTimeFormat(language || 'en', { dateStyle: 'medium', timeZone: 'UTC' })));
  return format.format(date);
}

/** A number with grouped digits (`12,345`), as `Number#toLocaleString(language)` gives it. */
export function displayNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(value);
}

/** `11-16` style month and day, for the archive. */
export function monthDay(date: Date): string {
  return isoDate(date).slice(5);
}

/** Site-relative URL of a term page (`/tags/service-mesh/`), or nothing when the name leaves no URL key (`🚀`). */
export function termPath(taxonomy: string, name: string): string | undefined {
  const key = urlize(name);
  return key ? `/${taxonomy}/${key}/` : undefined;
}
