/**
 * The zone a front-matter date was written in. Hugo builds `:year`,
 * `:month` and `:day` of permalinks from the date's own wall clock
 * (`2023-06-01T02:00:00+08:00` is June 1st, although it is May 31st in
 * UTC), so the permalink needs the offset as written.
 */
import { TomlDate } from 'smol-toml';

const zoned = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*([+-])(\d{2}):?(\d{2})?$/;

/** Minutes east of UTC written in a date (`+08:00` → 480); `undefined` for UTC, no zone, or no date. */
export function writtenOffset(value: unknown): number | undefined {
  // A TOML date keeps its zone in its ISO form.
  const text = value instanceof TomlDate && !value.isLocal() ? value.toISOString() : value;
  const match = typeof text === 'string' ? zoned.exec(text.trim()) : null;
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return minutes === 0 ? undefined : (match[1] === '-' ? -1 : 1) * minutes;
}
