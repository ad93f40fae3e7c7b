/**
 * Aliases (old URLs of a post) → a small redirect page per alias (meta
 * refresh, canonical link and a plain link, as Hugo makes them) and one
 * `_redirects` file that Netlify and Cloudflare Pages read as real 301s.
 */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { encodePath } from '../model/terms.js';
import { outputPathOf } from '../model/permalink.js';
import { absoluteUrl } from '../seo/url.js';
import { chineseScript } from '../util/language.js';

/** One alias: an old site-relative URL and the post's site-relative URL. */
export interface Redirect {
  from: string;
  to: string;
}

/** Output file of an alias page (`/old/` → `old/index.html`). */
export function redirectPath(from: string): string {
  return outputPathOf(from);
}

/** The redirect page's sentence around its link, in the page's language. */
function movedTo(language: string, link: ElementContent): ElementContent[] {
  const script = chineseScript(language);
  if (script === 'hant') return [{ type: 'text', value: '本頁已移至 ' }, link, { type: 'text', value: '。' }];
  if (script === 'hans') return [{ type: 'text', value: '本页已移至 ' }, link, { type: 'text', value: '。' }];
  return [{ type: 'text', value: 'This page has moved to ' }, link, { type: 'text', value: '.' }];
}

/**
 * The redirect page as a hast document: `noindex`, a canonical link to the
 * target, a zero-second meta refresh and a link for anyone it does not move.
 */
export function redirectPage(baseUrl: string, redirect: Redirect, language = 'en'): Root {
  const target = absoluteUrl(baseUrl, redirect.to);
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', target),
          h('link', { rel: 'canonical', href: target }),
          h('meta', { name: 'robots', content: 'noindex' }),
          h('meta', { httpEquiv: 'refresh', content: `0; url=${target}` })
        ]),
        h('body', [h('p', movedTo(language, h('a', { href: target }, target)))])
      ])
    ]
  };
}

/**
 * `_redirects` (Netlify / Cloudflare Pages): one `from to 301` line per
 * alias; paths carry the base path and are percent-encoded, so no line can
 * hold whitespace that would split it.
 */
export function renderRedirects(basePath: string, redirects: Redirect[]): string {
  const prefix = basePath.replace(/\/$/, '');
  const lines = redirects.map((r) => `${prefix}${encodePath(r.from)} ${prefix}${encodePath(r.to)} 301`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
