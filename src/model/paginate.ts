/**
 * Split a list into pages with Hugo's URLs: page 1 at the list's own URL,
 * page N at `BASE/page/N/`. An empty list still has one (empty) page, so the
 * home page and term pages always exist.
 */
import type { Pagination } from '../render/types.js';
import { isFileUrl } from './permalink.js';

/** One page of a paginated list. */
export interface Page<Item> {
  items: Item[];
  pagination: Pagination;
}

/**
 * Folder of a list's other outputs (pages 2 and up, feeds): the list's URL
 * (`/tags/istio/`), or for a file URL (a section's `url: /notes.html`) the
 * file's name without its extension (`/notes/`), as Hugo places them with
 * `uglyURLs` (Hugo 0.111 puts them inside the file instead, `notes.html/page/2/`,
 * and fails with `not a directory`).
 */
export function listFolder(url: string): string {
  const stem = isFileUrl(url) ? url.slice(0, url.lastIndexOf('.')) : url;
  return stem.endsWith('/') ? stem : `${stem}/`;
}

/** Site-relative URL of page `n` (1-based) of the list at `baseUrl` (`/tags/istio/`, `/notes.html`). */
export function pageUrl(baseUrl: string, n: number): string {
  if (n === 1) return isFileUrl(baseUrl) ? baseUrl : listFolder(baseUrl);
  return `${listFolder(baseUrl)}page/${n}/`;
}

/**
 * Number of pages of a list of `count` items: at least 1 (an empty list still
 * has its page). Throws on a page size below 1 (a config bug, checked by the
 * config).
 */
export function pageCount(count: number, pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error(`Unexpected page size \`${pageSize}\`, expected a whole number above 0`);
  }
  return Math.max(1, Math.ceil(count / pageSize));
}

/**
 * Paginate `items` (already sorted) into pages of `pageSize` at `baseUrl`.
 * Throws on a page size below 1 (a config bug, checked by the config).
 */
export function paginate<Item>(items: readonly Item[], pageSize: number, baseUrl: string): Page<Item>[] {
  const totalPages = pageCount(items.length, pageSize);
  const pages = Array.from({ length: totalPages }, (_, i) => pageUrl(baseUrl, i + 1));
  return pages.map((_, i) => ({
    items: items.slice(i * pageSize, (i + 1) * pageSize),
    pagination: {
      page: i + 1,
      totalPages,
      totalItems: items.length,
      prev: i > 0 ? pages[i - 1] : undefined,
      next: i + 1 < totalPages ? pages[i + 1] : undefined,
      pages
    }
  }));
}
