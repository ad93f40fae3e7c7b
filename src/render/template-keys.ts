/**
 * Keys of the theme by the pages that use each part, so a changed template
 * re-renders only the pages made with it: `post.tsx` and the site's
 * shortcodes → post pages (and, through their keys, the lists and feeds that
 * show them); `list.tsx` → home, section and term lists; `terms.tsx`,
 * `archive.tsx`, `404.tsx`, `search.tsx` → their page; `layout.tsx`,
 * partials and anything else → every page. `assets/` are copied files, keyed
 * on their own, and never re-render a page.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { templateNames, type TemplateName } from './templates.js';

/** A kind of page, by the template that makes it. */
export type PageTemplate = Exclude<TemplateName, 'layout'>;

/** Keys of the theme: `all` (every compiled file) and one per page template. */
export interface TemplateKeys {
  all: string;
  pages: Record<PageTemplate, string>;
}

const pageTemplates = templateNames.filter((name): name is PageTemplate => name !== 'layout');

/** Hashes the template folders (default theme first, then the site's). */
export function templateKeys(dirs: readonly string[]): TemplateKeys {
  const shared = createHash('sha256');
  const all = createHash('sha256');
  const own = Object.fromEntries(pageTemplates.map((name) => [name, createHash('sha256')])) as Record<PageTemplate, ReturnType<typeof createHash>>;
  for (const [index, dir] of dirs.entries()) {
    if (!fs.existsSync(dir)) continue;
    const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    for (const file of files) {
      if (file.startsWith('assets/')) continue;
      const bytes = fs.readFileSync(path.join(dir, file));
      const bucket = file.startsWith('shortcodes/') ? own.post : (own[file.replace(/\.[jt]sx?$/, '') as PageTemplate] ?? shared);
      for (const hash of [bucket, all]) hash.update(`${index}:${file}`).update('\0').update(bytes).update('\0');
    }
  }
  const sharedKey = shared.digest('hex');
  const pages = Object.fromEntries(pageTemplates.map((name) => [name, `${sharedKey}:${own[name].digest('hex')}`])) as Record<PageTemplate, string>;
  return { all: all.digest('hex'), pages };
}
