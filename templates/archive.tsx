/**
 * The archive: every post by year, newest first.
 */
import type { Element } from 'hast';
import type { ArchivePageProps } from '../src/render/types.js';
import { labels, pageTitle } from './partials/i18n.js';
import { isoDate, monthDay } from './partials/format.js';

/** Archive template. */
export default function archive({ page, years }: ArchivePageProps): Element {
  const l = labels(page.language);
  return (
    <div className="archive">
      <header className="list-header">
        <h1 className="list-title">{pageTitle(page)}</h1>
      </header>
      {years.map(({ year, posts }) => (
        <section className="archive-year" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>
            {year} <span className="count">{l.posts(posts.length)}</span>
          </h2>
          <ol className="archive-list">
            {posts.map((post) => (
              <li>
                {post.date ? <time datetime={isoDate(post.date)}>{monthDay(post.date)}</time> : null}
                <a href={page.href(post.url)}>{post.title}</a>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  ) as Element;
}
