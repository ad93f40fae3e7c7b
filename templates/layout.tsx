/**
 * The whole document around every page: head (title, description, color
 * scheme, stylesheets, scripts, onair's extra head elements), the site header
 * with its navigation, the page's main content and the footer.
 */
import type { Element, Root } from 'hast';
import type { LayoutProps } from '../src/render/types.js';
import type { MenuEntry } from '../src/types.js';
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
 * The navigation's items: the `main` menu (the config's entries and the pages'
 * own `menu: main`, nested and ordered by `model/menus.ts`), else the
 * theme's own links. An entry with children opens a list under its name
 * (a `<details>` disclosure: no script, works by touch and keyboard) that
 * starts with the entry's own link.
 */
function navItems(entries: MenuEntry[], link: (url: string, text: string) => Element): Element[] {
  return entries.map((entry) => {
    const own = entry.url ? link(entry.url, entry.name) : <span className="menu-heading">{entry.name}</span>;
    if (entry.children.length === 0) return <li>{own}</li>;
    const items = [...(entry.url ? [<li>{own}</li>] : []), ...navItems(entry.children, link)];
    return (
      <li className="has-children">
        <details>
          <summary>{entry.name}</summary>
          <ul>{items}</ul>
        </details>
      </li>
    );
  }) as Element[];
}

/** Layout template: returns the full document as a hast root with a doctype. */
export default function layout({ page, children }: LayoutProps): Root {
  const l = labels(page.language);
  const menu = page.menus.main ?? [];
  const nav: MenuEntry[] = menu.length > 0 ? menu : ([
    ['/', l.home],
    ['/archive/', l.archive],
    ['/tags/', l.tags],
    ['/categories/', l.categories],
    ['/search/', l.search]
  ] as const).map(([url, name]) => ({ name, url, weight: 0, children: [] }));
  const current = (url: string) =>
    url === '/' ? page.url === '/' || /^\/page\/\d+\/$/.test(page.url) : page.url.startsWith(url);
  const link = (url: string, text: string) =>
    (current(url) ? (
      <a href={page.href(url)} aria-current="page">
        {text}
      </a>
    ) : (
      <a href={page.href(url)}>{text}</a>
    )) as Element;
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
              <ul>{navItems(nav, link)}</ul>
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
