/**
 * The archive: every post by year, newest first. On a large site the older
 * years link to pages of their own (`/archive/2019/`), which this template
 * makes too (`year` set).
 */
import type { Element } from 'hast';
import type { ArchivePageProps } from '../src/render/types.js';
import { labels, pageTitle } from './partials/i18n.js';
import { isoDate, monthDay } from './partials/format.js';

/** Archive template. */
export default function archive({ page, years, year: own }: ArchivePageProps): Element {
  const l = labels(page.language);
  return (
    <div className="archive">
      <header className="list-header">
        <h1 className="list-title">{pageTitle(page)}</h1>
        {own === undefined ? null : (
          <p className="archive-up">
            <a href={page.href('/archive/')}>← {l.archive}</a>
          </p>
        )}
      </header>
      {years.map(({ year, posts, count, url }) => (
        <section className="archive-year" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>
            {url && own === undefined ? <a href={page.href(url)}>{year}</a> : year} <span className="count">{l.posts(count)}</span>
          </h2>
          {posts.length === 0 ? null : <ol className="archive-list">
            {posts.map((post) => (
              <li>
                {post.date ? <time datetime={isoDate(post.date)}>{monthDay(post.date)}</time> : null}
                <a href={page.href(post.url)}>{post.title}</a>
              </li>
            ))}
          </ol>}
        </section>
      ))}
    </div>
  ) as Element;
}
