/**
 * One taxonomy's page (`/tags/`): every term with its post count.
 */
import type { Element } from 'hast';
import type { TermsPageProps } from '../src/render/types.js';
import { labels, pageTitle } from './partials/i18n.js';

/** Terms template. */
export default function terms({ page, taxonomy, terms }: TermsPageProps): Element {
  const l = labels(page.language);
  return (
    <div className={['terms-page', `terms-page-${taxonomy}`]}>
      <header className="list-header">
        <h1 className="list-title">{pageTitle(page)}</h1>
      </header>
      <ul className="terms-cloud">
        {terms.map((term) => (
          <li>
            <a className="term" href={page.href(term.url)}>
              {term.name}
              <span className="count">
                {term.count}
                <span className="visually-hidden"> {l.postsUnit(term.count)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  ) as Element;
}
