/**
 * The whole document around every page: head (title, description, color
 * scheme, stylesheets, scripts, onair's extra head elements), the site header
 * with its navigation, the page's main content and the footer.
 */
import type { Element, Root } from 'hast';
import type { LayoutProps } from '../src/render/types.js';
import { labels, pageTitle } from './partials/i18n.js';

/** Longest `<title>` search engines show whole (html-validate's `long-title`). */
const maxTitle = 70;

/**
 * `Page · Site`; just the site title when the page has the same title (home);
 * just the page title when both together would be cut off in results and tabs.
 */
export function documentTitle(title: string, siteTitle: string): string {
  if (!title || title === siteTitle) return siteTitle;
  const full = `${title} · ${siteTitle}`;
  return full.length <= maxTitle ? full : title;
}

/**
 * The site's own `main` menu (Hugo's `[[menu.main]]`, read into
 * `params.menus.main` by weight) as `[url, name]`: site paths (`/about/`,
 * `about`) under the base path, `https:` links as they are, others left out.
 */
function mainMenu(params: Record<string, unknown>): Array<[string, string]> {
  const menus = params.menus as { main?: unknown } | undefined;
  const entries = Array.isArray(menus?.main) ? (menus.main as Array<{ name?: unknown; url?: unknown }>) : [];
  const result: Array<[string, string]> = [];
  for (const { name, url } of entries) {
    if (typeof name !== 'string' || name === '' || typeof url !== 'string' || url === '') continue;
    if (/^https?:\/\//i.test(url)) result.push([url, name]);
    else if (!/^[a-z][a-z\d+.-]*:|^\/\/|\\/i.test(url)) result.push([pagePath(url), name]);
  }
  return result;
}

/** A menu's site path: `about` or `/about` (a `pageRef`) is the page `/about/`; files (`/feed.xml`), queries and fragments stay. */
function pagePath(url: string): string {
  const path = url.startsWith('/') ? url : `/${url}`;
  return /\/$|[?#]|\.[a-z\d]+$/i.test(path) ? path : `${path}/`;
}

/** Layout template: returns the full document as a hast root with a doctype. */
export default function layout({ page, children }: LayoutProps): Root {
  const l = labels(page.language);
  const menu = mainMenu(page.site.params);
  const nav: Array<[string, string]> = menu.length > 0 ? menu : [
    ['/', l.home],
    ['/archive/', l.archive],
    ['/tags/', l.tags],
    ['/categories/', l.categories],
    ['/search/', l.search]
  ];
  const current = (url: string) =>
    url === '/' ? page.url === '/' || /^\/page\/\d+\/$/.test(page.url) : page.url.startsWith(url);
  const description = page.description || page.site.description;
  const html = (
    <html lang={page.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle(pageTitle(page), page.site.title)}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={page.href('/assets/style.css')} />
        {page.styles.map((url) => (
          <link rel="stylesheet" href={page.href(url)} />
        ))}
        {page.head}
        {page.scripts.map((url) => (
          <script src={page.href(url)} defer />
        ))}
      </head>
      <body className={`kind-${page.kind}`}>
        <a className="skip-link" href="#main">
          {l.skip}
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <a className="site-title" href={page.href('/')}>
              {page.site.title}
            </a>
            <nav className="site-nav" aria-label={l.siteNav}>
              <ul>
                {nav.map(([url, text]) => (
                  <li>
                    {current(url) ? (
                      <a href={page.href(url)} aria-current="page">
                        {text}
                      </a>
                    ) : (
                      <a href={page.href(url)}>{text}</a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <p>
            © {page.site.author || page.site.title}
            <span className="sep" aria-hidden="true">
              {' · '}
            </span>
            {l.builtWith}
          </p>
        </footer>
      </body>
    </html>
  ) as Element;
  return { type: 'root', children: [{ type: 'doctype' }, html] };
}
