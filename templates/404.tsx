/**
 * The not-found page (`404.html`): says so and offers home and search.
 */
import type { Element } from 'hast';
import type { NotFoundPageProps } from '../src/render/types.js';
import { labels } from './partials/i18n.js';

/** 404 template. */
export default function notFound({ page }: NotFoundPageProps): Element {
  const l = labels(page.language);
  return (
    <div className="not-found">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1>{l.notFound}</h1>
      <p>{l.notFoundText}</p>
      <p className="not-found-links">
        <a className="button" href={page.href('/')}>
          {l.backHome}
        </a>
        <a className="button" href={page.href('/search/')}>
          {l.search}
        </a>
      </p>
    </div>
  ) as Element;
}
