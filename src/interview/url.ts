/**
 * URL checks for values that come from front matter (speaker links, avatars).
 */

/**
 * Returns `value` when it is an absolute `http(s)` URL (or, with
 * `allowRelative`, a site-relative path), else `undefined`: no
 * `javascript:`, `data:` or protocol-relative URLs reach an attribute.
 */
export function safeUrl(value: string | undefined, allowRelative: boolean): string | undefined {
  const url = value?.trim();
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) {
    try {
      new URL(url);
      return url;
    } catch {
      return undefined;
    }
  }
  if (allowRelative && !/^[\w+.-]*:|^\/\/|^\\/.test(url)) return url;
  return undefined;
}
