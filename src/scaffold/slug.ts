/**
 * File names and dates for scaffolded posts: a lowercase ASCII slug from the
 * title, and "today" as the writer sees it (local time, with its offset).
 */

const maxSlugLength = 60;

/**
 * Lowercase ASCII slug of a title (`Istio: 5 Years!` → `istio-5-years`).
 * Accents are folded (`Café` → `cafe`); other non-ASCII text (Chinese) is
 * dropped, so a title without ASCII letters or digits gives ``.
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxSlugLength) return ascii;
  // Cut at a word boundary so the name does not end in half a word.
  const cut = ascii.slice(0, maxSlugLength + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > 0 ? cut.slice(0, dash) : cut.slice(0, maxSlugLength)).replace(/-+$/, '');
}

/** `YYYY-MM-DD` of `now` in local time (the day in the writer's calendar). */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * `YYYY-MM-DDTHH:MM:SS±HH:MM` of `now` in local time. Front matter gets the
 * offset because a bare date is read as UTC: east of Greenwich a post dated
 * "today" would otherwise count as a future post for a few hours.
 */
export function localTimestamp(now: Date): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${localDay(now)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
