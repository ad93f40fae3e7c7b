/**
 * Pagination of list pages: newer / page numbers / older. Lists run newest
 * first, so the previous page holds newer posts.
 */
import type { Element } from 'hast';
import type { PageContext, Pagination } from '../../src/render/types.js';
import { labels } from './i18n.js';

/** Page numbers to show: first, last, and two around the current one; `0` marks a gap. */
export function pageWindow(current: number, total: number): number[] {
  const shown: number[] = [];
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= 2) shown.push(n);
    else if (shown.at(-1) !== 0) shown.push(0);
  }
  return shown;
}

/** The pagination nav, or nothing for a single page. */
export function pagination(page: PageContext, p: Pagination): Element | null {
  if (p.totalPages <= 1) return null;
  const l = labels(page.language);
  return (
    <nav className="pagination" aria-label={l.pagination}>
      {p.prev ? (
        <a className="page-prev" href={page.href(p.prev)} rel="prev">
          ← {l.newer}
        </a>
      ) : (
        <span className="page-prev" aria-hidden="true" />
      )}
      <ol className="page-numbers">
        {pageWindow(p.page, p.totalPages).map((n) =>
          n === 0 ? (
            <li className="gap" aria-hidden="true">…</li>
          ) : (
            <li>
              {n === p.page ? (
                <a aria-current="page" href={page.href(p.pages[n - 1] ?? page.url)} aria-label={l.page(n)}>
                  {n}
                </a>
              ) : (
                <a href={page.href(p.pages[n - 1] ?? page.url)} aria-label={l.page(n)}>
                  {n}
                </a>
              )}
            </li>
          )
        )}
      </ol>
      {p.next ? (
        <a className="page-next" href={page.href(p.next)} rel="next">
          {l.older} →
        </a>
      ) : (
        <span className="page-next" aria-hidden="true" />
      )}
    </nav>
  ) as Element;
}
