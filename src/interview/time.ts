/**
 * Transcript timestamps: `[12:34]` and `[1:02:03]` in text, their seconds,
 * and the range checks that catch typos like `[12:75]`.
 */

/** A timestamp found in a string. */
export interface TimestampMatch {
  /** Offset of `[` in the string. */
  start: number;
  /** Offset after `]`. */
  end: number;
  /** The text between the brackets (`12:34`). */
  value: string;
  /** Seconds, or `undefined` when a field is out of range. */
  seconds: number | undefined;
  /** Why the timestamp is invalid, when it is. */
  problem?: string;
}

/** `[m:ss]`, `[mm:ss]`, `[h:mm:ss]` (and `[hh:mm:ss]`), nothing else. */
const pattern = /\[(\d{1,2}):(\d{2})(?::(\d{2}))?\]/g;

/** Finds every bracketed timestamp in `text`, valid or not. */
export function findTimestamps(text: string): TimestampMatch[] {
  const found: TimestampMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[0].slice(1, -1);
    const parsed = parseTimestamp(value);
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      value,
      seconds: typeof parsed === 'number' ? parsed : undefined,
      problem: typeof parsed === 'string' ? parsed : undefined,
    });
  }
  return found;
}

/**
 * Parses `12:34` or `1:02:03` into seconds. Returns a reason string when a
 * field is out of range (minutes and seconds are 0–59), `undefined` when the
 * text is not a timestamp at all.
 */
export function parseTimestamp(value: string): number | string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, a, b, c] = match as unknown as [string, string, string, string | undefined];
  const hours = c === undefined ? 0 : Number(a);
  const minutes = c === undefined ? Number(a) : Number(b);
  const seconds = Number(c ?? b);
  if (minutes > 59) {
    const fix = c === undefined ? `; write \`[${formatTimestamp(minutes * 60 + seconds)}]\`` : '';
    return `Unexpected minutes \`${minutes}\` in timestamp \`[${value}]\`, expected 0–59${fix}`;
  }
  if (seconds > 59) return `Unexpected seconds \`${seconds}\` in timestamp \`[${value}]\`, expected 0–59`;
  return hours * 3600 + minutes * 60 + seconds;
}

/** Formats seconds as `m:ss` or `h:mm:ss` (the way the player shows time). */
export function formatTimestamp(total: number): string {
  const s = Math.floor(total);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Formats seconds as a WebVTT / ISO-like clock `hh:mm:ss.mmm`. */
export function formatVttTime(total: number): string {
  const ms = Math.round(total * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}
