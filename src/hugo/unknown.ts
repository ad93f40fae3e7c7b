/**
 * Unknown shortcodes once per name: a site moved from Hugo may use a theme's
 * shortcode hundreds of times, and one message per use buries everything
 * else. The first use keeps the message, now with the count and the next
 * places; the other uses' messages are removed.
 */
import type { VFile } from 'vfile';

/** How many later places a grouped message names. */
const shownPlaces = 3;

/** Groups `unknown-shortcode` messages by shortcode name across `files` (mutates their messages). */
export function groupUnknownShortcodes(files: readonly VFile[]): void {
  const groups = new Map<string, Array<{ file: VFile; index: number }>>();
  for (const file of files) {
    file.messages.forEach((message, index) => {
      if (message.ruleId !== 'unknown-shortcode') return;
      const name = /`([^`]+)`/.exec(message.reason)?.[1] ?? '';
      groups.set(name, [...(groups.get(name) ?? []), { file, index }]);
    });
  }
  const drop = new Map<VFile, Set<number>>();
  for (const [name, uses] of groups) {
    if (uses.length < 2) continue;
    const first = uses[0]!.file.messages[uses[0]!.index]!;
    const places = uses.slice(1, 1 + shownPlaces).map(({ file, index }) => `${file.path}:${placeOf(file.messages[index]!)}`);
    const more = uses.length - 1 - places.length;
    // Site builds already say where the template goes; other callers get the advice here.
    const fix = first.reason.includes('templates/shortcodes/') ? '' : `; add \`templates/shortcodes/${name}.html\` or \`.tsx\``;
    first.reason = `${first.reason}; used ${uses.length} times, also at ${places.join(', ')}${more > 0 ? ` and ${more} more` : ''}${fix}`;
    first.message = first.reason;
    for (const { file, index } of uses.slice(1)) drop.set(file, (drop.get(file) ?? new Set()).add(index));
  }
  for (const [file, indexes] of drop) file.messages = file.messages.filter((_, index) => !indexes.has(index));
}

function placeOf(message: VFile['messages'][number]): string {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  return start ? `${start.line}:${start.column}` : '1:1';
}
