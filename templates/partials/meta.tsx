/**
 * Pieces shown around a post's title, on post pages and in lists: the byline
 * (author, date, reading time, word count) and the term chips.
 */
import type { Element, ElementContent } from 'hast';
import type { PageContext } from '../../src/render/types.js';
import { displayDate, isoDate, termPath } from './format.js';
import { labels } from './i18n.js';

/** What the byline needs from a post. */
export interface BylineData {
  author?: string;
  date?: Date;
  lastmod?: Date;
  readingTime: number;
  wordCount: number;
}

/** `<time datetime>` with a human date. */
export function time(date: Date, language: string, className?: string): Element {
  return (
    <time className={className} datetime={isoDate(date)}>
      {displayDate(date, language)}
    </time>
  ) as Element;
}

/** Author · date · reading time · word count, separated by dots. */
export function byline(page: PageContext, post: BylineData, withAuthor: boolean): Element {
  const l = labels(page.language);
  const parts: ElementContent[][] = [];
  if (withAuthor && post.author) parts.push([<span className="author p-author">{l.by(post.author)}</span> as Element]);
  if (post.date) parts.push([time(post.date, page.language, 'dt-published')]);
  parts.push([<span className="reading-time">{l.minutes(post.readingTime)}</span> as Element]);
  if (withAuthor) parts.push([<span className="word-count">{l.words(post.wordCount)}</span> as Element]);
  const children: ElementContent[] = [];
  // A separator travels with the item after it, so no line ends in a lone dot.
  parts.forEach((part, i) => {
    if (i === 0) children.push(...part);
    else
      children.push(
        <span className="byline-item">
          <span className="sep" aria-hidden="true">
            ·
          </span>
          {part}
        </span> as Element
      );
  });
  return (<p className="byline">{children}</p>) as Element;
}

/** A list of term links (`rel=tag`), or nothing when there are no terms. */
export function termList(page: PageContext, taxonomy: string, names: string[]): Element | null {
  const terms = names.flatMap((name) => {
    const url = termPath(taxonomy, name);
    return url ? [{ name, url }] : [];
  });
  if (terms.length === 0) return null;
  return (
    <ul className={['terms-inline', `terms-${taxonomy}`]}>
      {terms.map(({ name, url }) => (
        <li>
          <a className="term" href={page.href(url)} rel="tag">
            {name}
          </a>
        </li>
      ))}
    </ul>
  ) as Element;
}
