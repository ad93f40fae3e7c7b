/**
 * Players for front matter `videos` that the body does not embed: embed
 * shortcodes made here and expanded by the built-in handlers. With no embed
 * in the body, one per platform goes at the top (`insertPlayer`); a talk the
 * body embeds on fewer platforms than `videos` lists gets the others as extra
 * tabs (`embedsFor`, used by `groupVideoTabs`).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { isFrontMatterNode } from '../content/matter.js';
import { builtins } from '../shortcodes/builtins/index.js';
import { expandShortcodes } from '../shortcodes/expand.js';
import type { Shortcode } from '../shortcodes/types.js';
import type { VideoRef } from '../types.js';

/** Expanded embed shortcodes for `videos` (the first video of each platform), worded in `language`. */
export function embedsFor(videos: readonly VideoRef[], file: VFile, language?: string): Array<{ node: Shortcode; video: VideoRef }> {
  const firsts = videos.filter((v, i) => videos.findIndex((w) => w.platform === v.platform) === i);
  const nodes = firsts.map((video): Shortcode => {
    const named: Record<string, string> = Object.create(null);
    if (video.page) named.page = String(video.page);
    if (video.title) named.title = video.title;
    named[video.platform === 'bilibili' && video.id.startsWith('av') ? 'aid' : 'id'] = video.id;
    return { type: 'shortcode', name: video.platform, delimiter: '<', form: 'block', positional: [], named, paired: false, children: [] };
  });
  expandShortcodes({ type: 'root', children: nodes }, file, { handlers: builtins, options: { language } });
  // Expansion numbered these apart from the body's embeds: give them ids of their own.
  for (const node of nodes) {
    const properties = node.data?.hProperties;
    if (properties && typeof properties.id === 'string') properties.id = `onair-embed-${node.name}-from-videos`;
  }
  return nodes.map((node, i) => ({ node, video: firsts[i]! }));
}

/** Inserts embeds of `videos` (worded in `language`) after the front matter of `tree`. Returns how many. */
export function insertPlayer(tree: Root, file: VFile, videos: readonly VideoRef[], language?: string): number {
  const embeds = embedsFor(videos, file, language);
  const at = tree.children.findIndex((n) => !isFrontMatterNode(n));
  tree.children.splice(at === -1 ? tree.children.length : at, 0, ...embeds.map((e) => e.node));
  return embeds.length;
}
