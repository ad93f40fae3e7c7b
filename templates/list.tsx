/**
 * Home, section and term pages: a heading, an optional intro, the posts
 * newest first with their summaries, and pagination.
 */
import type { Element } from 'hast';
import type { ListPageProps, PageContext, PostSummary } from '../src/render/types.js';
import { labels, taxonomyName } from './partials/i18n.js';
import { byline, termList } from './partials/meta.js';
import { pagination } from './partials/pagination.js';

function card(page: PageContext, post: PostSummary): Element {
  const l = labels(page.language);
  return (
    <li>
      <article className="post-card">
        <h2 className="post-card-title">
          <a href={page.href(post.url)}>{post.title}</a>
        </h2>
        {byline(page, post, false)}
        {post.summary.length > 0 ? <div className="summary">{post.summary}</div> : null}
        {post.truncated || post.tags.length > 0 ? (
          <footer className="post-card-footer">
            {termList(page, 'tags', post.tags)}
            {post.truncated ? (
              <p className="read-more">
                <a href={page.href(post.url)} aria-label={`${l.readMore}: ${post.title}`}>
                  {l.readMore} →
                </a>
              </p>
            ) : null}
          </footer>
        ) : null}
      </article>
    </li>
  ) as Element;
}

/** List template. */
export default function list({ page, heading, intro, posts, pagination: p, feed }: ListPageProps): Element {
  const l = labels(page.language);
  const isHome = page.kind === 'home';
  return (
    <div className={['list', `list-${page.kind}`]}>
      <header className="list-header">
        {page.kind === 'term' ? (
          <p className="list-kicker">
            <a href={page.href(`/${page.url.split('/')[1]}/`)}>{taxonomyName(page.url.split('/')[1] ?? '', page.language)}</a>
          </p>
        ) : null}
        <h1 className="list-title">{heading}</h1>
        {intro && intro.length > 0 ? <div className="list-intro">{intro}</div> : null}
        {!intro && isHome && page.site.description ? <p className="list-intro">{page.site.description}</p> : null}
        {feed ? (
          <p className="list-feed">
            <a href={page.href(feed)} type="application/rss+xml">
              {l.feed}
            </a>
          </p>
        ) : null}
      </header>
      <ol className="post-list">{posts.map((post) => card(page, post))}</ol>
      {pagination(page, p)}
    </div>
  ) as Element;
}
