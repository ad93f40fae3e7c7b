/**
 * The one report a run prints (vfile-reporter format) and the counts and exit
 * code that go with it.
 */
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';

/** Counts of a set of files' messages. */
export interface MessageCounts {
  errors: number;
  warnings: number;
}

/** Counts errors (fatal messages) and warnings over files. */
export function countMessages(files: readonly VFile[]): MessageCounts {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++;
      else if (message.fatal === false) warnings++;
    }
  }
  return { errors, warnings };
}

/** Options of `formatReport`. */
/** `1 error`, `2 errors`, `0 warnings`: a count and its word, for the commands' last line. */
export function countOf(count: number, word: 'error' | 'warning'): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export interface ReportOptions {
  /** Colours (default: false). */
  color?: boolean;
  /** Only show fatal messages (default: false). */
  quiet?: boolean;
}

/**
 * Formats files with messages in vfile-reporter's format; empty string when
 * there is nothing to say. Files are sorted by path so reports are stable.
 */
export function formatReport(files: readonly VFile[], options: ReportOptions = {}): string {
  const withMessages = files
    .filter((file) => file.messages.length > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (withMessages.length === 0) return '';
  for (const file of withMessages) file.messages.sort(byPlace);
  return reporter(withMessages, { color: options.color ?? false, silent: options.quiet ?? false });
}

function byPlace(a: { line?: number; column?: number }, b: { line?: number; column?: number }): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
