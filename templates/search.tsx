/**
 * The search page shell. The container `#search` is where the search script
 * mounts its UI; the layout loads that script and its stylesheet when the
 * renderer lists them in `page.scripts` / `page.styles`. Without JavaScript
 * the form stays, with a note that search needs it.
 */
import type { Element } from 'hast';
import type { PageContext } from '../src/render/types.js';
import { labels, pageTitle } from './partials/i18n.js';

/** Props of the search page (only the page context). */
export interface SearchPageProps {
  page: PageContext;
}

/** Search template. */
export default function search({ page }: SearchPageProps): Element {
  const l = labels(page.language);
  return (
    <div className="search-page">
      <header className="list-header">
        <h1 className="list-title">{pageTitle(page)}</h1>
      </header>
      <div id="search" className="search" data-onair-search="">
        <form className="search-form" role="search" action={page.href('/search/')} method="get">
          <label className="visually-hidden" htmlFor="search-input">
            {l.search}
          </label>
          <input id="search-input" type="search" name="q" placeholder={l.searchPlaceholder} autocomplete="off" />
          <button type="submit">{l.search}</button>
        </form>
        <noscript>
          <p className="search-hint">{l.searchHint}</p>
        </noscript>
      </div>
    </div>
  ) as Element;
}
