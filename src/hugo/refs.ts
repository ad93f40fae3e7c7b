/**
 * The site-wide map `ref`/`relref` resolve against: every published content
 * file's path → its URL. Hugo's lookup order: a path from the content root
 * when it starts with `/`, else relative to the current page's folder first,
 * then from the content root, then by a unique file (or bundle) name.
 */
import path from 'node:path';
import { joinBase } from '../util/url.js';

/** A page the resolver knows. */
export interface RefPage {
  /** Path relative to the content folder (`posts/x.md`, `posts/b/index.md`). */
  contentPath: string;
  /** Site-relative URL (`/posts/x/`). */
  url: string;
}

/** Options of {@link createRefResolver}. */
export interface RefOptions {
  /** The content folder relative to the site root (`content`), to read `from` paths. Default `content`. */
  contentDir?: string;
  /** Base path of the site (`/blog/`). Default `/`. */
  basePath?: string;
}

/** Keys under which a page can be found: its path with and without `.md`, and its bundle folder. */
function keysOf(contentPath: string): string[] {
  const noExt = contentPath.replace(/\.(md|markdown)$/i, '');
  const keys = [contentPath, noExt];
  const bundle = /^(?:(.*)\/)?_?index$/.exec(noExt);
  if (bundle) keys.push(bundle[1] ?? '');
  return keys.map((k) => k.toLowerCase());
}

/** Builds the resolver (plain data in, a function out): `(ref, from) → URL with base path`, or `undefined`. */
export function createRefResolver(pages: readonly RefPage[], options: RefOptions = {}): (ref: string, from: string) => string | undefined {
  const basePath = options.basePath ?? '/';
  const contentDir = (options.contentDir ?? 'content').replace(/^\.\/|\/+$/g, '');
  const byPath = new Map<string, string>();
  const byName = new Map<string, string | null>();
  // The maps are made on the first lookup: most builds (every post cached) never resolve a ref.
  let made = false;
  const make = () => {
    made = true;
    for (const page of pages) {
      for (const key of keysOf(page.contentPath)) if (!byPath.has(key)) byPath.set(key, page.url);
      const name = keysOf(page.contentPath).at(-1)!.split('/').pop()!;
      for (const key of new Set([name, page.contentPath.split('/').pop()!.toLowerCase()])) {
        byName.set(key, byName.has(key) && byName.get(key) !== page.url ? null : page.url);
      }
    }
  };
  return (ref, from) => {
    if (!made) make();
    const target = ref.trim().replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
    if (target === '') return undefined;
    const find = (candidate: string) => byPath.get(path.posix.normalize(candidate).replace(/^\/+/, ''));
    let url: string | undefined;
    if (target.startsWith('/')) url = find(target);
    else {
      const relative = from.split(path.sep).join('/').replace(new RegExp(`^${contentDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`), '');
      const dir = path.posix.dirname(relative);
      url = (dir !== '.' ? find(`${dir}/${target}`) : undefined) ?? find(target);
      if (url === undefined && !target.includes('/')) url = byName.get(target) ?? undefined;
    }
    return url === undefined ? undefined : joinBase(basePath, url);
  };
}
