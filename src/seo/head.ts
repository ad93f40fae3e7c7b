/**
 * onair's `<head>` elements for one page, as hast: canonical URL, Open Graph,
 * Twitter card, JSON-LD `BlogPosting` for posts and `rel=alternate` feed
 * links. Every URL absolute. (The layout writes `<title>` and the meta
 * description itself.)
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { jsonLdScript } from '../interview/jsonld.js';
import type { SiteConfig } from '../types.js';
import { absoluteUrl } from './url.js';

/** What the head needs to know about a post. */
export interface HeadPost {
  title: string;
  description?: string;
  author?: string;
  date?: Date;
  lastmod?: Date;
  /** Full URL or site-relative path (`/img/a.png`). */
  image?: string;
  tags: string[];
  categories: string[];
  keywords: string[];
  wordCount?: number;
}

/** A feed to advertise (site-relative URLs). */
export interface HeadFeed {
  title: string;
  rss: string;
  atom: string;
}

/** Options of {@link headElements}. */
export interface HeadOptions {
  site: SiteConfig;
  /** Site-relative URL of the page. */
  url: string;
  /** Page title (without the site title). */
  title: string;
  /** Plain-text description. */
  description: string;
  /** Set for post pages: `og:type` article, article times and JSON-LD. */
  post?: HeadPost;
  /** Image when the page has none (full URL or site-relative). Default `site.params.image`. */
  image?: string;
  /** Feeds to link (site first, then the list's own). */
  feeds?: HeadFeed[];
}

/**
 * Absolute URL of an image given as a full URL, a site-relative path
 * (`/img/a.png`) or a path relative to the page (`cover.svg` in a page
 * bundle, resolved against `pageUrl`).
 */
export function imageUrl(site: SiteConfig, image: string, pageUrl = '/'): string {
  const relative = !/^[a-z][a-z\d+.-]*:/i.test(image) && !image.startsWith('/');
  const page = pageUrl.endsWith('/') ? pageUrl : pageUrl.replace(/[^/]*$/, '');
  return absoluteUrl(site.baseUrl, relative ? page + image : image, { encoded: true });
}

const meta = (property: string, content: string) => h('meta', { property, content });
const named = (name: string, content: string) => h('meta', { name, content });

/** Every onair head element for the page, in a stable order. */
export function headElements(options: HeadOptions): Element[] {
  const { site, post } = options;
  const canonical = absoluteUrl(site.baseUrl, options.url);
  const fallback = typeof site.params.image === 'string' ? site.params.image : undefined;
  const rawImage = post?.image ?? options.image ?? fallback;
  const image = rawImage ? imageUrl(site, rawImage, options.url) : undefined;
  const title = options.title || site.title;
  const description = options.description || site.description;

  const out: Element[] = [h('link', { rel: 'canonical', href: canonical })];
  for (const feed of options.feeds ?? []) {
    out.push(h('link', { rel: 'alternate', type: 'application/rss+xml', title: feed.title, href: absoluteUrl(site.baseUrl, feed.rss) }));
    out.push(h('link', { rel: 'alternate', type: 'application/atom+xml', title: feed.title, href: absoluteUrl(site.baseUrl, feed.atom) }));
  }

  out.push(
    meta('og:type', post ? 'article' : 'website'),
    meta('og:title', title),
    meta('og:url', canonical),
    meta('og:site_name', site.title),
    meta('og:locale', site.language.replace('-', '_'))
  );
  if (description) out.push(meta('og:description', description));
  if (image) out.push(meta('og:image', image));
  if (post?.date) out.push(meta('article:published_time', post.date.toISOString()));
  if (post?.lastmod ?? post?.date) out.push(meta('article:modified_time', (post.lastmod ?? post.date)!.toISOString()));
  for (const tag of post?.tags ?? []) out.push(meta('article:tag', tag));

  out.push(named('twitter:card', image ? 'summary_large_image' : 'summary'), named('twitter:title', title));
  if (description) out.push(named('twitter:description', description));
  if (image) out.push(named('twitter:image', image));

  if (post) out.push(jsonLdScript(blogPosting(site, post, canonical, image)));
  return out;
}

/** The schema.org `BlogPosting` object of a post. */
export function blogPosting(site: SiteConfig, post: HeadPost, canonical: string, image?: string): Record<string, unknown> {
  const author = post.author || site.author;
  const keywords = [...new Set([...post.keywords, ...post.tags, ...post.categories])];
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    ...(post.description ? { description: post.description } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    ...(author ? { author: { '@type': 'Person', name: author } } : {}),
    ...(post.date ? { datePublished: post.date.toISOString() } : {}),
    ...(post.lastmod ?? post.date ? { dateModified: (post.lastmod ?? post.date)!.toISOString() } : {}),
    ...(image ? { image } : {}),
    ...(keywords.length ? { keywords: keywords.join(', ') } : {}),
    ...(post.wordCount !== undefined ? { wordCount: post.wordCount } : {}),
    inLanguage: site.language,
    publisher: { '@type': 'Organization', name: site.title }
  };
}
