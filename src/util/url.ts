/**
 * URL safety: the one check every URL from content goes through before it
 * reaches an `href` or `src`.
 */

/** Options of `isSafeUrl`. */
export interface SafeUrlOptions {
  /** The URL is an image source: `data:image/*` (not SVG) is allowed. Default false. */
  image?: boolean;
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'ftps', 'irc', 'ircs', 'xmpp', 'news', 'nntp', 'sms']);

/**
 * Tells whether a URL (already decoded from Markdown/HTML entities) is safe in
 * an href/src. Relative URLs, fragments and http(s)/mailto… are; `javascript:`,
 * `vbscript:`, `data:` (except raster images when `image`) and unknown schemes
 * are not. Browsers ignore ASCII whitespace and control characters inside a
 * scheme (`java\tscript:`), so the check does too.
 */
export function isSafeUrl(url: string, options: SafeUrlOptions = {}): boolean {
  // Strip what browsers strip before reading the scheme.
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const colon = cleaned.indexOf(':');
  if (colon === -1) return true;
  const firstDelimiter = cleaned.search(/[/?#]/);
  if (firstDelimiter !== -1 && firstDelimiter < colon) return true;
  const scheme = cleaned.slice(0, colon).toLowerCase();
  if (!/^[a-z][a-z\d+.-]*$/.test(scheme)) return true;
  if (SAFE_SCHEMES.has(scheme)) return true;
  if (scheme === 'data' && options.image) {
    return /^data:image\/(png|jpe?g|gif|webp|avif|bmp|x-icon)[;,]/i.test(cleaned);
  }
  return false;
}

/** Joins a site-relative path (`/post/x/`) onto a base path (`/blog/`). */
export function joinBase(basePath: string, url: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('#')) return url;
  if (!url.startsWith('/')) return url;
  return basePath.replace(/\/$/, '') + url;
}
