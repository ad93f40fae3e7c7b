/**
 * A Markdown document with YAML front matter, serialized by js-yaml so any
 * title (colons, quotes, `#`, `yes`, Chinese) is quoted correctly.
 */
import { dump } from 'js-yaml';

/** Joins front matter (plain data, key order kept) and a Markdown body. */
export function markdownDocument(matter: Record<string, unknown>, body: string): string {
  const yaml = dump(matter, { lineWidth: -1, noRefs: true });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}
