/**
 * URL → file mapping with the rules of static hosts (pretty URLs, trailing
 * slash redirects, base path) and the guards that keep every request inside
 * the output folder. Decodes exactly once, so double encoding stays literal.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** What a request path maps to. */
export type Resolved =
  | { kind: 'file'; file: string; size: number; mtimeMs: number }
  | { kind: 'redirect'; status: 301 | 302; location: string }
  | { kind: 'bad-request'; reason: string }
  | { kind: 'not-found' };

// Raw bytes never valid in a path we serve: backslash, control characters
// (NUL included), and their percent-encoded forms.
const badRaw = /[\\\u0000-\u001f\u007f]|%(?:5c|00|0[0-9a-f]|1[0-9a-f]|7f)/i;
// A segment that decodes to a still-encoded dot, slash or backslash is a
// double-encoding probe; no generated file is named like that.
const doubleEncoded = /%(?:2e|2f|5c|00)/i;

/**
 * Maps the raw request target (`req.url`) to a file under `root`, served at
 * `basePath` (starting and ending with `/`). Never throws for hostile input.
 */
export async function resolveRequest(root: string, basePath: string, rawUrl: string): Promise<Resolved> {
  if (!rawUrl.startsWith('/')) return { kind: 'bad-request', reason: 'absolute or asterisk request target' };
  const cut = rawUrl.search(/[?#]/);
  const rawPath = cut === -1 ? rawUrl : rawUrl.slice(0, cut);
  const search = cut === -1 || rawUrl[cut] === '#' ? '' : rawUrl.slice(cut).replace(/#.*/, '');
  if (badRaw.test(rawPath)) return { kind: 'bad-request', reason: 'backslash or control character' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request', reason: 'malformed percent-encoding' };
  }
  if (badRaw.test(decoded)) return { kind: 'bad-request', reason: 'encoded backslash or control character' };

  if (basePath !== '/') {
    if (decoded === '/') return { kind: 'redirect', status: 302, location: basePath };
    if (decoded === basePath.slice(0, -1)) return { kind: 'redirect', status: 301, location: rawPath + '/' + search };
    if (!decoded.startsWith(basePath)) return { kind: 'not-found' };
  }
  const rest = decoded.slice(basePath.length);
  const segments = rest === '' ? [] : rest.split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && i < segments.length - 1) return { kind: 'bad-request', reason: 'empty path segment' };
    if (segment === '.' || segment === '..') return { kind: 'bad-request', reason: 'dot segment' };
    if (doubleEncoded.test(segment)) return { kind: 'bad-request', reason: 'double-encoded segment' };
  }
  const target = path.join(root, ...segments);
  if (!inside(root, target)) return { kind: 'bad-request', reason: 'outside the output folder' };

  let stat = await statOrNull(target);
  if (!stat) return { kind: 'not-found' };
  // Symlinks are followed only while they stay inside the output folder
  // (checked before a redirect too, so nothing outside is even confirmed).
  const realRoot = await realpathOrNull(root);
  if (!realRoot) return { kind: 'not-found' };
  let file = target;
  const wantsDir = rest === '' || rest.endsWith('/');
  if (stat.isDirectory()) {
    if (!wantsDir) {
      if (!(await staysInside(realRoot, target))) return { kind: 'not-found' };
      return { kind: 'redirect', status: 301, location: rawPath + '/' + search };
    }
    file = path.join(target, 'index.html');
    stat = await statOrNull(file);
    if (!stat) return { kind: 'not-found' };
  } else if (wantsDir) {
    return { kind: 'not-found' };
  }
  if (!stat.isFile()) return { kind: 'not-found' };
  const real = await realpathOrNull(file);
  if (!real || !inside(realRoot, real)) return { kind: 'not-found' };
  return { kind: 'file', file: real, size: stat.size, mtimeMs: stat.mtimeMs };
}

/** True when `child` is `parent` or below it (both absolute, normalised). */
export function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative));
}

async function staysInside(realRoot: string, file: string): Promise<boolean> {
  const real = await realpathOrNull(file);
  return real !== null && inside(realRoot, real);
}

async function statOrNull(file: string) {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

async function realpathOrNull(file: string) {
  try {
    return await fs.realpath(file);
  } catch {
    return null;
  }
}
