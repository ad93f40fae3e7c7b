/**
 * A post page: header (categories, title, subtitle, byline, tags, video
 * links), hero image, table of contents, the body, then prev/next links.
 * Undated pages (an About page) get no byline: reading time means little there.
 */
import type { Element, ElementContent } from 'hast';
import type { PageContext, PostLink, PostPageProps } from '../src/render/types.js';
import { labels } from './partials/i18n.js';
import { byline, termList } from './partials/meta.js';
import { toc } from './partials/toc.js';

/** `/x.jpg` goes through `href` (base path); full URLs and bundle-relative paths stay as written. */
function imageSrc(page: PageContext, src: string): string {
  return src.startsWith('/') && !src.startsWith('//') ? page.href(src) : src;
}

function postNav(page: PageContext, prev?: PostLink, next?: PostLink): Element | null {
  if (!prev && !next) return null;
  const l = labels(page.language);
  return (
    <nav className="post-nav" aria-label={l.morePosts} data-pagefind-ignore="">
      {prev ? (
        <a className="post-nav-prev" href={page.href(prev.url)} rel="prev">
          <span className="post-nav-label">← {l.previous}</span>
          <span className="post-nav-title">{prev.title}</span>
        </a>
      ) : null}
      {next ? (
        <a className="post-nav-next" href={page.href(next.url)} rel="next">
          <span className="post-nav-label">{l.next} →</span>
          <span className="post-nav-title">{next.title}</span>
        </a>
      ) : null}
    </nav>
  ) as Element;
}

/** Post template. */
export default function post({ page, post, prev, next }: PostPageProps): Element {
  const l = labels(page.language);
  const body = post.body.children.filter((node): node is ElementContent => node.type !== 'doctype');
  return (
    <article className="post h-entry" data-pagefind-body="">
      <header className="post-header">
        {termList(page, 'categories', post.categories)}
        <h1 className="post-title p-name">{post.title}</h1>
        {post.subtitle ? <p className="post-subtitle">{post.subtitle}</p> : null}
        {post.date ? byline(page, post, true) : null}
        {termList(page, 'tags', post.tags)}
        {post.metadata.length > 0 ? (
          <p className="post-links">
            {post.metadata.map((item) => (
              <a className="button" href={item.link} rel="external noopener" target="_blank">
                {item.text}
              </a>
            ))}
          </p>
        ) : null}
      </header>
      {post.image ? (
        <figure className="post-hero">
          <img
            src={imageSrc(page, post.image)}
            alt={post.title}
            loading="eager"
            decoding="async"
            fetchpriority="high"
          />
        </figure>
      ) : null}
      {post.showToc ? toc(post.toc, l.contents) : null}
      <div className="post-body e-content">{body}</div>
      {postNav(page, prev, next)}
    </article>
  ) as Element;
}
