/**
 * One post: Markdown → hast body → post template in the layout → HTML,
 * written at once. Returns what list pages need (metadata and summary).
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { MarkdownProcessor } from '../markdown.js';
import { postStats } from '../model/stats.js';
import { feedHtml } from '../output/feed-content.js';
import type { Writer } from '../output/writer.js';
import { headElements, type HeadFeed } from '../seo/head.js';
import type { PostContent, PostMeta, SiteConfig } from '../types.js';
import { createPageContext, renderPage } from './page.js';
import type { Theme } from './templates.js';
import type { PostLink, PostSummary } from './types.js';

/** What `renderPost` needs. */
export interface RenderPostInput {
  post: PostMeta;
  /** The post's file, with its text as `value`. */
  file: VFile;
  processor: MarkdownProcessor;
  theme: Theme;
  config: SiteConfig;
  writer: Writer;
  /** Older neighbour. */
  prev?: PostMeta;
  /** Newer neighbour. */
  next?: PostMeta;
  /** Keep the feed-safe HTML of the body (the post is in a feed). */
  feed?: boolean;
  /** Feeds the page advertises. */
  feeds?: HeadFeed[];
  /** Indexes the rendered page for search. */
  index?: (url: string, html: string) => Promise<void>;
}

/** What a rendered post gives list pages and feeds. */
export type RenderedPost = PostSummary & { feedHtml?: string };

/** Parses and transforms a post's Markdown into its hast body (and `file.data`). */
export async function processBody(processor: MarkdownProcessor, file: VFile): Promise<Root> {
  return (await processor.run(processor.parse(file), file)) as Root;
}

/** Renders and writes a post page; resolves to its summary for list pages. */
export async function renderPost(input: RenderPostInput): Promise<RenderedPost> {
  const { post, file, processor, theme, config, writer } = input;
  const body = await processBody(processor, file);
  const content: PostContent = {
    body,
    ...postStats(body, post, config.summaryLength),
    toc: file.data.toc ?? [],
    hasEmbeds: file.data.hasEmbeds === true,
  };
  const styles: string[] = [];
  const scripts: string[] = [];
  if (content.hasEmbeds) {
    styles.push('/assets/embed.css');
    scripts.push('/assets/embed.js');
  }
  const description = post.description ?? content.summaryText;
  const head = headElements({
    site: config,
    url: post.url,
    title: post.title,
    description,
    post: { ...post, wordCount: content.wordCount },
    feeds: input.feeds,
  });
  const page = createPageContext(config, { kind: 'post', title: post.title, description, url: post.url, styles, scripts, head });
  const html = renderPage(theme, 'post', { page, post: { ...post, ...content }, prev: link(input.prev), next: link(input.next) });
  await writer.write(post.outputPath, html);
  await input.index?.(post.url, html);
  const { body: _body, toc: _toc, ...stats } = content;
  return { ...post, ...stats, feedHtml: input.feed ? feedHtml(body.children, page.canonical) : undefined };
}

function link(post: PostMeta | undefined): PostLink | undefined {
  return post ? { title: post.title, url: post.url, date: post.date } : undefined;
}
