/**
 * Props of the theme's templates. A template is a function `(props) => hast`;
 * the renderer wraps every page template's result in `layout`.
 *
 * Templates (in `templates/NAME.tsx`, overridable by a site's own
 * `templates/NAME.tsx`):
 * - `layout`  (LayoutProps)   → the whole document (`<html>`…)
 * - `post`    (PostPageProps) → the main content of a post page
 * - `list`    (ListPageProps) → home, section, term and paginated lists
 * - `terms`   (TermsPageProps)→ one taxonomy's term list (`/tags/`)
 * - `archive` (ArchivePageProps)
 * - `404`     (NotFoundPageProps)
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Menus, PostContent, PostMeta, SiteConfig } from '../types.js';

/** What every template gets about the site and the page being rendered. */
export interface PageContext {
  site: SiteConfig;
  /** Page title (without the site title). */
  title: string;
  /** Meta description (plain text). */
  description: string;
  /** Site-relative URL of this page (`/post/foo/`), without the base path. */
  url: string;
  /** Absolute canonical URL. */
  canonical: string;
  /** `lang` of the page. */
  language: string;
  /** Site-relative URL → URL to put in href/src (prefixes the base path). */
  href: (url: string) => string;
  /** Site-relative URL → absolute URL (for feeds, Open Graph, JSON-LD). */
  absolute: (url: string) => string;
  /** Extra elements for `<head>` made by onair (feed links, Open Graph, JSON-LD, TOC data…). */
  head: ElementContent[];
  /** Stylesheets this page needs beyond the theme's own (site-relative URLs). */
  styles: string[];
  /** Scripts this page needs (site-relative URLs, loaded with `defer`). */
  scripts: string[];
  /** The site's menus: the config's and the pages' own entries (`menu:`), nested and in order (`main` is the navigation). */
  menus: Menus;
  /** Kind of page, for templates that style them differently. */
  kind: 'post' | 'home' | 'section' | 'term' | 'terms' | 'archive' | '404' | 'search';
}

/** A link to another post (prev/next, lists). */
export interface PostLink {
  title: string;
  url: string;
  date?: Date;
}

/** A post in a list: its metadata and summary, no body. */
export type PostSummary = PostMeta & Omit<PostContent, 'body' | 'toc'>;

/** Pagination of a list page. */
export interface Pagination {
  /** 1-based. */
  page: number;
  totalPages: number;
  totalItems: number;
  prev?: string;
  next?: string;
  /** Site-relative URL of every page, index 0 = page 1. */
  pages: string[];
}

export interface LayoutProps {
  page: PageContext;
  /** Main content made by the page template. */
  children: ElementContent[];
}

export interface PostPageProps {
  page: PageContext;
  post: PostMeta & PostContent;
  prev?: PostLink;
  next?: PostLink;
}

export interface ListPageProps {
  page: PageContext;
  heading: string;
  /** Intro text from a section's `_index.md`, as hast. */
  intro?: ElementContent[];
  posts: PostSummary[];
  pagination: Pagination;
  /** RSS feed of this list, site-relative, if any. */
  feed?: string;
}

export interface TermsPageProps {
  page: PageContext;
  /** Plural name (`tags`). */
  taxonomy: string;
  terms: Array<{ name: string; url: string; count: number }>;
}

export interface ArchivePageProps {
  page: PageContext;
  /**
   * Years, newest first (year 0: posts without a date). On a large site's
   * `/archive/` (see `model/archive.ts`) the older years come without their
   * `posts`, with their `count` and the `url` of their own page.
   */
  years: Array<{ year: number; posts: PostLink[]; count: number; url?: string }>;
  /** On a year's own page (`/archive/2019/`): that year. */
  year?: number;
}

export interface NotFoundPageProps {
  page: PageContext;
}

/** A template function. Returns a hast root or element (or several). */
export type Template<Props> = (props: Props) => Root | Element | ElementContent[];
