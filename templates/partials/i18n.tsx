/**
 * Interface words of the default theme in the page's language. Chinese pages
 * get Chinese labels, in Traditional characters for `zh-Hant`, `zh-TW`,
 * `zh-HK` and `zh-MO` and Simplified for any other `zh` tag; every other
 * language English.
 */
import { chineseScript } from '../../src/util/language.js';
import { displayNumber } from './format.js';

/** Every label the theme prints. */
export interface Labels {
  home: string;
  archive: string;
  tags: string;
  categories: string;
  search: string;
  skip: string;
  siteNav: string;
  contents: string;
  readMore: string;
  previous: string;
  next: string;
  newer: string;
  older: string;
  pagination: string;
  page: (n: number) => string;
  morePosts: string;
  minutes: (n: number) => string;
  words: (n: number) => string;
  posts: (n: number) => string;
  /** The unit after a bare count (`12 posts`): `posts` / `篇`. */
  postsUnit: (n: number) => string;
  by: (name: string) => string;
  notFound: string;
  notFoundText: string;
  backHome: string;
  searchPlaceholder: string;
  searchHint: string;
  feed: string;
  builtWith: string;
}

const zh: Labels = {
  home: '首页',
  archive: '归档',
  tags: '标签',
  categories: '分类',
  search: '搜索',
  skip: '跳到正文',
  siteNav: '站点导航',
  contents: '目录',
  readMore: '阅读全文',
  previous: '上一篇',
  next: '下一篇',
  newer: '较新',
  older: '较早',
  pagination: '分页',
  page: (n) => `第 ${n} 页`,
  morePosts: '更多文章',
  minutes: (n) => `约 ${n} 分钟`,
  words: (n) => `${displayNumber(n, 'zh-CN')} 字`,
  posts: (n) => `${n} 篇`,
  postsUnit: () => '篇',
  by: (name) => name,
  notFound: '页面不存在',
  notFoundText: '你要找的页面不存在，可能已被移动或删除。',
  backHome: '返回首页',
  searchPlaceholder: '搜索文章、标签与访谈内容…',
  searchHint: '搜索需要启用 JavaScript。',
  feed: 'RSS 订阅',
  builtWith: '由 onair 生成'
};

const zhHant: Labels = {
  home: '首頁',
  archive: '歸檔',
  tags: '標籤',
  categories: '分類',
  search: '搜尋',
  skip: '跳到正文',
  siteNav: '網站導覽',
  contents: '目錄',
  readMore: '閱讀全文',
  previous: '上一篇',
  next: '下一篇',
  newer: '較新',
  older: '較早',
  pagination: '分頁',
  page: (n) => `第 ${n} 頁`,
  morePosts: '更多文章',
  minutes: (n) => `約 ${n} 分鐘`,
  words: (n) => `${displayNumber(n, 'zh-TW')} 字`,
  posts: (n) => `${n} 篇`,
  postsUnit: () => '篇',
  by: (name) => name,
  notFound: '頁面不存在',
  notFoundText: '你要找的頁面不存在，可能已被移動或刪除。',
  backHome: '返回首頁',
  searchPlaceholder: '搜尋文章、標籤與訪談內容…',
  searchHint: '搜尋需要啟用 JavaScript。',
  feed: 'RSS 訂閱',
  builtWith: '由 onair 產生'
};

const en: Labels = {
  home: 'Home',
  archive: 'Archive',
  tags: 'Tags',
  categories: 'Categories',
  search: 'Search',
  skip: 'Skip to content',
  siteNav: 'Site',
  contents: 'Contents',
  readMore: 'Read more',
  previous: 'Previous',
  next: 'Next',
  newer: 'Newer',
  older: 'Older',
  pagination: 'Pagination',
  page: (n) => `Page ${n}`,
  morePosts: 'More posts',
  minutes: (n) => `${n} min read`,
  words: (n) => `${displayNumber(n, 'en')} ${n === 1 ? 'word' : 'words'}`,
  posts: (n) => `${n} ${n === 1 ? 'post' : 'posts'}`,
  postsUnit: (n) => (n === 1 ? 'post' : 'posts'),
  by: (name) => `by ${name}`,
  notFound: 'Page not found',
  notFoundText: 'The page you were looking for does not exist. It may have moved or been removed.',
  backHome: 'Back to the home page',
  searchPlaceholder: 'Search posts, tags and transcripts…',
  searchHint: 'Search needs JavaScript.',
  feed: 'RSS feed',
  builtWith: 'Built with onair'
};

/**
 * Title of a page in the page's language: fixed pages (archive, search, 404,
 * a taxonomy's term list) are named by the theme; other pages keep `page.title`.
 */
export function pageTitle(page: { kind: string; title: string; url: string; language: string }): string {
  const l = labels(page.language);
  if (page.kind === 'archive') {
    // A large site's year page (`/archive/2019/`, `/archive/undated/`): the archive and its year.
    const year = /^\/archive\/([^/]+)\/$/.exec(page.url)?.[1];
    return year ? `${l.archive} ${year}` : l.archive;
  }
  if (page.kind === 'search') return l.search;
  if (page.kind === '404') return l.notFound;
  if (page.kind === 'terms') return taxonomyName(page.url.split('/')[1] ?? '', page.language);
  return page.title;
}

/** Labels for a BCP 47 language tag. */
export function labels(language: string): Labels {
  const script = chineseScript(language);
  return script === 'hant' ? zhHant : script === 'hans' ? zh : en;
}

/** Display name of a taxonomy (`tags` → `Tags` / `标签`); unknown ones are capitalised. */
export function taxonomyName(taxonomy: string, language: string): string {
  const l = labels(language);
  if (taxonomy === 'tags') return l.tags;
  if (taxonomy === 'categories') return l.categories;
  return taxonomy.charAt(0).toUpperCase() + taxonomy.slice(1);
}
