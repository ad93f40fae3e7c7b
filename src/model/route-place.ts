/**
 * Where a route problem sits in a post's front matter: the `url` (else the
 * `slug`) for the page's own path, the alias as written for an alias. Found
 * when the routes are checked, after the text is dropped, so the file is read
 * again (only a post with a route problem, so rarely).
 */
import path from 'node:path';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import { readContentFileSync } from '../content/load.js';
import { readMatter, splitFrontMatter } from '../content/matter.js';
import type { PostMeta } from '../types.js';

/** The point of the value that makes `post`'s output (`alias` unset) or its alias `alias`; 1:1 when the path comes from the file name. */
export function routePlace(file: VFile, post: PostMeta, alias?: string): Point {
  const start = { line: 1, column: 1 };
  const root = file.cwd;
  const again = readContentFileSync({ absolute: path.resolve(root, file.path), contentPath: post.contentPath }, root);
  if (again.messages.some((m) => m.fatal)) return start;
  const { locate } = readMatter(again, splitFrontMatter(String(again.value)));
  const raw = again.data.rawMatter ?? {};
  // Keys ignore case; the last spelling wins (as when the post was read).
  const keyOf = (name: string) => Object.keys(raw).findLast((k) => k.toLowerCase() === name);
  if (alias === undefined) {
    const key = keyOf('url') ?? keyOf('slug');
    return key ? locate([key]) : start;
  }
  const key = keyOf('aliases');
  if (!key) return start;
  const value = raw[key];
  const normal = (entry: unknown) => `/${String(entry).trim().replace(/^\/+/, '')}`.replace(/\/+$/, '');
  const index = Array.isArray(value) ? value.findIndex((entry) => normal(entry) === normal(alias)) : -1;
  return locate(index === -1 ? [key] : [key, index]);
}
