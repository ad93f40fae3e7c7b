/**
 * One post: Markdown → hast body → post template in the layout → HTML,
 * written at once. The input and output are plain, serializable data, so the
 * same task runs in the build's thread or in a worker.
 */
import type { Root } from 'hast';
import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import { readContentFileSync } from '../content/load.js';
import { writeCacheEntry } from '../output/cache.js';
import type { MarkdownProcessor } from '../markdown.js';
import { checkDepth, nestingPlace } from '../model/depth.js';
import { prefixBasePath } from '../rehype/base-path.js';
import { encodePath } from '../model/terms.js';
import { joinBase } from '../util/url.js';
import { postStats } from '../model/stats.js';
import { feedHtml } from '../output/feed-content.js';
import type { Writer } from '../output/writer.js';
import { headElements } from '../seo/head.js';
import { jsonLdScript, toWebVtt, transcriptText, videoJsonLd, videoMetaTags } from '../interview/index.js';
import type { PostContent, SiteConfig } from '../types.js';
import { createPageContext, renderPage } from './page.js';
import { TemplateError, templateErrorReason, type Theme } from './templates.js';
import type { PostSummary } from './types.js';
import { toPlain, type PostResult, type PostTask } from './task.js';

export { postLink, restoreMessages, toPlain, type PlainMessage, type PostResult, type PostTask } from './task.js';

/** What a post task runs with: built once per thread. */
export interface RenderEnv {
  processor: MarkdownProcessor;
  theme: Theme;
  config: SiteConfig;
  writer: Writer;
}

/**
 * A rendered post as list pages and feeds see it. Its feed HTML is either
 * at hand or, for a post in the build cache, left in its cache entry
 * (`feedKey`) and read when a feed that shows it is made: the feed HTML of
 * the few hundred posts the feeds show is the largest thing the build
 * thread would hold while the workers render (17 MB at 10,000 posts).
 */
export type RenderedPost = PostSummary & { feedHtml?: string; feedKey?: string; key?: string };

/** Parses and transforms a post's Markdown into its hast body (and `file.data`). */
export async function processBody(processor: MarkdownProcessor, file: VFile): Promise<Root> {
  const tree = processor.parse(file);
  checkDepth(tree, file);
  if (file.messages.some((m) => m.fatal)) return { type: 'root', children: [] };
  return (await processor.run(tree, file)) as Root;
}

/** Runs a post task: renders and writes the page, and reports what lists need. */
export async function runPostTask(task: PostTask, env: RenderEnv): Promise<PostResult> {
  const { post } = task;
  const { processor, theme, config, writer } = env;
  const { text, stale } = sourceOf(task);
  const file = new VFile({ path: post.sourcePath, value: text });
  // The front matter was read in the first pass; the chain must not read it again.
  file.data.matter = post;
  let body: Root;
  try {
    body = await processBody(processor, file);
  } catch (error) {
    // The nesting guard fails the file with its fatal message already on it; a stack overflow later in the chain is the same problem.
    if (!(file.messages as unknown[]).includes(error)) {
      if (!(error instanceof RangeError)) throw error;
      const message = file.message('Unexpected nesting too deep to process, expected fewer nested block quotes or lists; flatten the structure', { place: nestingPlace(text), ruleId: 'nesting-too-deep', source: 'onair', cause: error });
      message.fatal = true;
    }
    body = { type: 'root', children: [] };
  }
  const messages = file.messages.map(toPlain);
  if (file.messages.some((m) => m.fatal)) return { messages };
  prefixBasePath(body, config.basePath);

  const content: PostContent = {
    body,
    ...postStats(body, post, config.summaryLength, encodePath(joinBase(config.basePath, post.url))),
    toc: file.data.toc ?? [],
    hasEmbeds: file.data.hasEmbeds === true,
  };
  const styles: string[] = [];
  const scripts: string[] = [];
  if (content.hasEmbeds) {
    styles.push('/assets/embed.css');
    scripts.push('/assets/embed.js');
  }
  if (file.data.hasInterview) scripts.push('/assets/interview.js');
  const description = post.description ?? content.summaryText;
  const head = headElements({ site: config, url: post.url, title: post.title, description, post: { ...post, wordCount: content.wordCount }, feeds: task.feeds });
  const page = createPageContext(config, { kind: 'post', title: post.title, description, url: post.url, styles, scripts, head, menus: task.menus });
  const videos = file.data.postVideos ?? [];
  if (videos.length > 0) {
    // The player card replaces the image card.
    const withoutCard = head.filter((node) => !(node.type === 'element' && node.properties.name === 'twitter:card'));
    head.splice(0, head.length, ...withoutCard, ...videoMetaTags(videos[0]));
    const transcript = transcriptText(file.data.transcript ?? []);
    head.push(jsonLdScript(videoJsonLd({ ...post, url: post.url }, videos, file.data.chapters ?? [], transcript, page.absolute)));
  }
  // What the page wrote, by output path (for the cache entry).
  const written: Record<string, string> = {};
  const write = async (name: string, data: string) => {
    written[name] = data;
    await writer.write(name, data);
  };
  const cues = file.data.cues ?? [];
  if (cues.length > 0 && post.outputPath.endsWith('/index.html')) {
    // Subtitles beside the page, for players and readers that take WebVTT.
    await write(post.outputPath.replace(/index\.html$/, 'transcript.vtt'), toWebVtt(cues));
  }
  let html: string;
  try {
    html = renderPage(theme, 'post', { page, post: { ...post, ...content }, prev: task.prev, next: task.next });
  } catch (error) {
    // A bug in a site's template fails each page it renders, with the template's place: the build goes on to report the rest.
    if (!(error instanceof TemplateError)) throw error;
    const { reason } = await templateErrorReason(error, task.source?.root ?? process.cwd());
    file.message(reason, { ruleId: 'template-error', source: 'onair' }).fatal = true;
    return { messages: file.messages.map(toPlain) };
  }
  await write(post.outputPath, html);
  const { body: _body, toc: _toc, ...stats } = content;
  const files = [post.outputPath, ...Object.keys(written).filter((name) => name !== post.outputPath)];
  const result: PostResult = { stats, feedHtml: task.feed ? feedHtml(body.children, page.canonical) : undefined, messages, files, ...(file.data.refs ? { refs: file.data.refs } : {}) };
  if (stale) return { ...result, stale };
  if (task.cache && !messages.some((m) => m.fatal)) writeCacheEntry(task.cache, { result, files: written });
  return result;
}

/** The task's text: given, or read from its source (and whether it changed since its front matter was read). */
function sourceOf(task: PostTask): { text: string; stale: boolean } {
  if (task.text !== undefined) return { text: task.text, stale: false };
  if (!task.source) throw new Error(`A post task for ${task.post.sourcePath} has neither text nor source`);
  const text = String(readContentFileSync(task.source.entry, task.source.root).value);
  return { text, stale: createHash('sha256').update(text).digest('hex') !== task.source.digest };
}

