/**
 * Pages that list posts: home (paginated), sections, taxonomies, archive,
 * 404 and search.
 */
import type { VFile } from 'vfile';
import type { ContentTree } from '../content/load.js';
import type { MarkdownProcessor } from '../markdown.js';
import { paginate } from '../model/paginate.js';
import { outputPathOf } from '../model/permalink.js';
import type { Writer } from '../output/writer.js';
import type { PostMeta, SiteConfig } from '../types.js';
import { createPageContext, renderPage } from './page.js';
import type { Theme } from './templates.js';
import type { PostSummary } from './types.js';

/** What `renderLists` needs. */
export interface ListsInput {
  /** Published posts, newest first, with summaries. */
  posts: PostSummary[];
  /** Section list pages (`_index.md`). */
  sections: PostMeta[];
  theme: Theme;
  config: SiteConfig;
  writer: Writer;
  files: VFile[];
  sources: ReadonlyMap<PostMeta, VFile>;
  processor: MarkdownProcessor;
  root: string;
  tree: ContentTree;
}

/** Renders every list page; resolves to the number of pages written. */
export async function renderLists(input: ListsInput): Promise<number> {
  const { posts, theme, config, writer } = input;
  let count = 0;
  for (const { items, pagination } of paginate(posts, config.pageSize, '/')) {
    const url = pagination.pages[pagination.page - 1];
    const page = createPageContext(config, { kind: 'home', title: config.title, url });
    await writer.write(outputPathOf(url), renderPage(theme, 'list', { page, heading: config.title, posts: items, pagination }));
    count++;
  }
  return count;
}
