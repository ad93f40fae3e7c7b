/**
 * Shared data shapes: the site config, a post's front matter and the model
 * the build hands to templates. Plain data only; no behaviour lives here.
 */
import type { Root as HastRoot, ElementContent } from 'hast';
import type { PluggableList } from 'unified';

/** One link shown as a button on a post (`metadata:` in the front matter). */
export interface MetadataLink {
  text: string;
  link: string;
}

/** One video of a post (`videos:` in the front matter, or found in the body). */
export interface VideoRef {
  platform: 'youtube' | 'bilibili' | 'vimeo';
  id: string;
  /** Page of a multi-part bilibili video (1-based). */
  page?: number;
  title?: string;
}

/** One person in an interview (`speakers:` in the front matter). */
export interface Speaker {
  name: string;
  label?: string;
  role?: string;
  link?: string;
  avatar?: string;
}

/** One menu a page puts itself in (`menu:` in its front matter), with Hugo's defaults filled in. */
export interface PageMenuEntry {
  /** The menu's name (`main`). */
  menu: string;
  /** Link text: the entry's `name`, else the page's `linkTitle`, else its title. */
  name: string;
  /** Order: the entry's `weight`, else the page's; `0` sorts last. */
  weight: number;
  /** Name other entries give as their `parent` (default: `name`). */
  identifier?: string;
  /** `identifier` (or `name`) of the entry this one is nested under. */
  parent?: string;
}

/** A menu entry in the config (Hugo's `[[menu.main]]`). */
export interface MenuEntryConfig {
  /** Link text; default: the title of the page `pageRef` names. */
  name?: string;
  /** A site path (`/about/`) or an `https:` URL. */
  url?: string;
  /** A page's content path (`about`, `/post/x`), Hugo's way of linking a page. */
  pageRef?: string;
  /** Order: lowest first; `0` (the default) sorts last. */
  weight?: number;
  identifier?: string;
  parent?: string;
}

/** One entry of a site menu as templates get it (see `model/menus.ts`). */
export interface MenuEntry {
  name: string;
  /** A site path without the base path (`/about/`), an `http(s):` URL, or `''`: a heading without a link. */
  url: string;
  weight: number;
  identifier?: string;
  /** Entries nested under this one (`parent`), in menu order. */
  children: MenuEntry[];
}

/** Every menu of the site by name (`main`: the default theme's navigation), entries in menu order. */
export type Menus = Record<string, MenuEntry[]>;

/**
 * Front matter after validation. Every field has a known type; unknown keys
 * are kept in `params` for templates.
 */
export interface PostMatter {
  title: string;
  /** True when the title came from the file name because front matter had none. */
  titleFromFileName: boolean;
  subtitle?: string;
  description?: string;
  author?: string;
  date?: Date;
  lastmod?: Date;
  publishDate?: Date;
  expiryDate?: Date;
  draft: boolean;
  image?: string;
  tags: string[];
  categories: string[];
  /** Terms of every taxonomy, keyed by the taxonomy's plural name (`tags`, `categories`, …). */
  taxonomies: Record<string, string[]>;
  metadata: MetadataLink[];
  showToc: boolean;
  slug?: string;
  url?: string;
  aliases: string[];
  /** Front matter `summary` (or Hexo's `excerpt`): a hand-written summary. */
  matterSummary?: string;
  weight?: number;
  keywords: string[];
  videos: VideoRef[];
  speakers: Speaker[];
  layout?: string;
  /** The menus the page puts itself in (`menu:`); absent when it names none. */
  menus?: PageMenuEntry[];
  /** Every key the schema does not know, for templates. */
  params: Record<string, unknown>;
}

/** Table-of-contents entry built from the rendered headings. */
export interface TocEntry {
  depth: number;
  id: string;
  text: string;
  children: TocEntry[];
}

declare module 'vfile' {
  interface DataMap {
    /** Validated front matter, set by the front-matter plugin. */
    matter: PostMatter;
    /** Raw front matter value as parsed from YAML/TOML (plain data). */
    rawMatter: Record<string, unknown>;
    /** Headings collected for the table of contents. */
    toc: TocEntry[];
    /** True when the body holds at least one video embed (the page then loads the embed CSS/JS). */
    hasEmbeds: boolean;
    /** Videos embedded in the body, in document order. */
    embeddedVideos: VideoRef[];
    /** Every `ref`/`relref` target the body looked up and what it resolved to (`null`: not found): a cached render is valid while they all resolve the same. */
    refs: Array<[target: string, url: string | null]>;
  }
}

/** Code highlighting settings (Hugo's `markup.highlight`). */
export interface HighlightSettings {
  /** Shiki theme of the light scheme. Default `github-light`. */
  light?: string;
  /** Shiki theme of the dark scheme. Default `github-dark`. */
  dark?: string;
  /** Number the lines of every highlighted block (Hugo's `lineNos`); a block's own `linenos` wins. Default false. */
  lineNumbers?: boolean;
  /** Number of a block's first line (Hugo's `lineNoStart`); a block's own `linenostart` wins. Default 1. */
  lineStart?: number;
  /** Highlight fenced code (Hugo's `codeFences`); false leaves fences as plain `<pre><code>` (the `highlight` shortcode still highlights). Default true. */
  codeFences?: boolean;
}

/** A Markdown processor option: extra unified plugins for users. */
export interface MarkdownOptions {
  /** Pass raw HTML through unchanged instead of sanitizing it (Hugo's goldmark `unsafe`). Default `false`. */
  unsafe?: boolean;
  /** Code highlighting: shiki themes for fenced code (light and dark, default `github-light` / `github-dark`) and defaults for every highlighted block. */
  highlight?: HighlightSettings;
  /** Curly quotes, dashes, ellipses and angle quotes in text, as Hugo's goldmark `typographer` makes them. Default `true`. */
  typographer?: boolean;
  /** `Term` / `: Definition` lists as `<dl>` (Hugo's goldmark `definitionList`). Default `true`. */
  definitionList?: boolean;
  /** Drop a soft line break between two East Asian wide characters (Han, kana, CJK punctuation, full-width forms; not Hangul), which browsers show as a space (Hugo's goldmark `cjk.eastAsianLineBreaks`). Default: on when `language` is `zh*` or `ja*`. */
  cjkLineBreaks?: boolean;
  /** Extra remark plugins, run after onair's own. */
  remarkPlugins?: PluggableList;
  /** Extra rehype plugins, run after onair's own. */
  rehypePlugins?: PluggableList;
}

/** What a user writes in `onair.config.ts` / `onair.yaml` (every field optional). */
export interface UserConfig {
  /** Absolute URL the site is served from, path included (`https://example.com/blog/`). */
  baseUrl?: string;
  title?: string;
  description?: string;
  /** BCP 47 language of the site (`zh-CN`, `en`). Default `en`. */
  language?: string;
  author?: string;
  /** Folders, relative to the site root. */
  contentDir?: string;
  outDir?: string;
  staticDir?: string;
  templatesDir?: string;
  /** Permalink pattern per section, Hugo tokens (`/:year/:month/:slug/`). */
  permalinks?: Record<string, string>;
  /** Taxonomies: singular → plural. Default `{tag: 'tags', category: 'categories'}`. */
  taxonomies?: Record<string, string>;
  /** Posts per list page. Default 10. */
  pageSize?: number;
  /** Words (or CJK characters) in an automatic summary. Default 70. */
  summaryLength?: number;
  /** Raw HTML passes through unsanitized. Default false. */
  unsafe?: boolean;
  /** Code highlighting (Hugo's `markup.highlight`): shiki themes and defaults for every highlighted block. */
  highlight?: HighlightSettings;
  /** Curly quotes, en and em dashes, ellipses and «» in text, as Hugo's goldmark typographer. Default true. */
  typographer?: boolean;
  /** `Term` then `: Definition` lines make a `<dl>`, as Hugo's goldmark definitionList. Default true. */
  definitionList?: boolean;
  /** A line break between two Chinese or Japanese characters is dropped instead of showing as a space (Hugo's goldmark `cjk.eastAsianLineBreaks`). Default: true when `language` is `zh*` or `ja*`. */
  cjkLineBreaks?: boolean;
  /** Unknown shortcodes: an error (default, as in Hugo) or a warning with a visible placeholder. */
  unknownShortcodes?: 'error' | 'warn';
  /** Video embeds. */
  video?: {
    /** Use the platform's own thumbnail (a request to its image host) as the poster. Default false. */
    remoteThumbnails?: boolean;
    /** Platform shown first when a talk is on several. Default from the site language. */
    defaultPlatform?: 'youtube' | 'bilibili' | 'vimeo';
  };
  feeds?: {
    /** Items per feed. Default 20. */
    limit?: number;
    /** Full post content in feeds. Default true. */
    fullContent?: boolean;
  };
  /** Menus by name (`main` is the default theme's navigation), entries as in Hugo's config; pages add themselves with `menu:` in their front matter. */
  menus?: Record<string, MenuEntryConfig[]>;
  /** Free-form values for templates. */
  params?: Record<string, unknown>;
  remarkPlugins?: PluggableList;
  rehypePlugins?: PluggableList;
}

/** The config after defaults were applied: every field is set. */
export interface SiteConfig {
  /** Absolute URL, always ending in `/`. */
  baseUrl: string;
  /** Path part of baseUrl, always starting and ending with `/` (`/` or `/blog/`). */
  basePath: string;
  title: string;
  description: string;
  language: string;
  author: string;
  contentDir: string;
  outDir: string;
  staticDir: string;
  templatesDir: string;
  permalinks: Record<string, string>;
  taxonomies: Record<string, string>;
  pageSize: number;
  summaryLength: number;
  unsafe: boolean;
  highlight: Required<HighlightSettings>;
  typographer: boolean;
  definitionList: boolean;
  /** Resolved from `language` when not set, so it is part of the cache key either way. */
  cjkLineBreaks: boolean;
  unknownShortcodes: 'error' | 'warn';
  video: { remoteThumbnails: boolean; defaultPlatform?: 'youtube' | 'bilibili' | 'vimeo' };
  feeds: { limit: number; fullContent: boolean };
  menus: Record<string, MenuEntryConfig[]>;
  params: Record<string, unknown>;
  remarkPlugins: PluggableList;
  rehypePlugins: PluggableList;
}

/** A post (or page) as the model sees it: metadata only, no body. */
export interface PostMeta extends PostMatter {
  /** Path of the source file relative to the site root, POSIX separators. */
  sourcePath: string;
  /** Path relative to the content folder (`post/2023-11-16-foo.md`). */
  contentPath: string;
  /** First folder under content (`post`), or `` for top-level pages. */
  section: string;
  /** `page` for a post, `section` for an `_index.md` list page. */
  kind: 'page' | 'section';
  /** Site-relative URL path, starting and ending with `/` (without the base path). */
  url: string;
  /** Output file relative to the output folder (`post/foo/index.html`). */
  outputPath: string;
  /** Slug used for `:slug` (front matter slug, else file name). */
  slugName: string;
  /** Files of a page bundle to copy beside the page, relative to the content folder. */
  resources: string[];
}

/** What processing a post's body adds to its metadata. */
export interface PostContent {
  /** Body as hast. */
  body: HastRoot;
  /** Summary for list pages (hast children). */
  summary: ElementContent[];
  /** Plain-text summary for meta descriptions and feeds. */
  summaryText: string;
  /** True when the summary is shorter than the post (a "read more" link makes sense). */
  truncated: boolean;
  wordCount: number;
  /** Minutes, at least 1. */
  readingTime: number;
  toc: TocEntry[];
  hasEmbeds: boolean;
}

/** Options of `build()`. */
export interface BuildOptions {
  /** Site root. Default `process.cwd()`. */
  root?: string;
  /** Content folder (absolute or relative to cwd). Default `ROOT/content`. */
  content?: string;
  /** Output folder. Default `ROOT/public`. */
  out?: string;
  /** Overrides the config's baseUrl. */
  baseUrl?: string;
  drafts?: boolean;
  future?: boolean;
  expired?: boolean;
  /** Warnings fail the build. */
  strict?: boolean;
  /** Config given in code; merged over the config file. */
  config?: UserConfig;
  /** Worker threads for posts. Default: both cores for sites of 16+ posts, 0 (this thread) otherwise. */
  threads?: number;
  /** Time budget of one post in ms; a post over it fails with its name. Default 60000 (worker threads only). */
  budget?: number;
  /** Reuse and fill the post cache in `ROOT/.onair-cache/`. Default true. */
  cache?: boolean;
  /** Build the search index (Pagefind). Default true. */
  search?: boolean;
  /** Called after each post is rendered (for progress display). */
  onProgress?: (done: number, total: number) => void;
}

/** What `build()` reports. It never throws for content problems. */
export interface BuildResult {
  /** False when a fatal message (or, with `strict`, any warning) stopped the build. */
  ok: boolean;
  /** Every file that got a message, for vfile-reporter. */
  files: import('vfile').VFile[];
  /** Pages written (HTML files). */
  pages: number;
  /** All files written. */
  written: number;
  warnings: number;
  errors: number;
  /** Wall time in ms. */
  time: number;
  /** Absolute output folder. */
  outDir: string;
  /** Files carried over unchanged from the previous output (made from the same inputs), of `written`. */
  reused?: number;
  /** Output paths this build changed (written anew or deleted), when the writer tracks them (`onair dev`). */
  changed?: string[];
  /**
   * Milliseconds spent per stage (`config+theme`, `front matter`, `model`,
   * `posts`, `lists`, `assets`, `search`, `commit`; in `onair dev`, `waiting
   * for tabs` too). `until first page` is not a stage: the milliseconds from
   * the start until the edited posts were written (dev rebuilds). Nor is
   * `heap collections`: the milliseconds of full collections the build
   * forced to keep its heap small (large sites), across the stages.
   */
  timings?: Record<string, number>;
}
