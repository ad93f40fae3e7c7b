/**
 * Detects URLs that would run script when they reach `href`/`src`:
 * `javascript:`, `vbscript:` and `data:` (raster images excepted where an
 * image is expected), also when hidden behind character references,
 * whitespace, control characters or mixed case (`&#106;ava\tScript:`).
 */

const named: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  period: '.',
  amp: '&',
};

// Raster formats only: an SVG data URL can carry script.
const safeDataImage = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);/;

/**
 * Returns the dangerous scheme (`javascript`, `vbscript`, `data`) of `url`,
 * or `undefined` when it is safe. `image: true` allows raster `data:image/…`.
 */
export function unsafeUrlScheme(url: string, options: { image?: boolean } = {}): string | undefined {
  const normal = normalizeUrl(url);
  const match = /^([a-z][a-z\d+.-]*):/.exec(normal);
  if (!match) return undefined;
  const scheme = match[1]!;
  if (scheme === 'javascript' || scheme === 'vbscript') return scheme;
  if (scheme === 'data') return options.image && safeDataImage.test(normal) ? undefined : scheme;
  return undefined;
}

/** Decodes character references, drops whitespace and control characters, lowercases. */
function normalizeUrl(url: string): string {
  let text = url;
  // Decode repeatedly so `&amp;#106;` style double encoding is seen through too.
  for (let round = 0; round < 3; round++) {
    const decoded = text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);?/gi, (all, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return named[ref.toLowerCase()] ?? all;
    });
    if (decoded === text) break;
    text = decoded;
  }
  // Browsers ignore ASCII whitespace and controls inside the scheme.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
}
