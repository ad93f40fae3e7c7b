/**
 * Which open tabs a build affects. When `build()` reports the output files
 * it changed (`changed`, relative to the output folder), only tabs showing
 * those pages reload; otherwise, or when a stylesheet, script or image
 * changed (every page may use it), every tab does.
 */
import type { BuildResult } from '../types.js';

// Outputs no open page depends on: feeds, sitemaps, subtitles, host files, the search index.
const standalone = /(?:\.(?:xml|json|txt|rss|atom|webmanifest|vtt)|^_redirects|^\.nojekyll|^pagefind\/.*)$/i;

/**
 * URL paths (base path included, ending in `/` for `index.html`) of the
 * pages a build changed, or `null` for "reload every tab".
 */
export function changedUrls(result: BuildResult, basePath: string): string[] | null {
  const changed = (result as BuildResult & { changed?: unknown }).changed;
  if (!Array.isArray(changed)) return null;
  const urls: string[] = [];
  for (const entry of changed) {
    if (typeof entry !== 'string') return null;
    const file = entry.replace(/\\/g, '/').replace(/^\/+/, '');
    if (standalone.test(file)) continue;
    if (!/\.html?$/i.test(file) && !file.endsWith('/') && file !== '') return null;
    urls.push(basePath + file.replace(/(?:^|(?<=\/))index\.html?$/i, ''));
  }
  return urls;
}
