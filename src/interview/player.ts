/**
 * A player for front matter `videos` when the body embeds none: one embed
 * shortcode per platform (the first video of each), expanded by the built-in
 * handlers, put at the top of the body. `groupVideoTabs` then makes tabs of
 * them like any other run of embeds.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { builtins } from '../shortcodes/builtins/index.js';
import { expandShortcodes } from '../shortcodes/expand.js';
import type { Shortcode } from '../shortcodes/types.js';
import type { VideoRef } from '../types.js';

/** Inserts embeds of `videos` after the front matter of `tree`. Returns how many. */
export function insertPlayer(tree: Root, file: VFile, videos: readonly VideoRef[]): number {
  const firsts = videos.filter((v, i) => videos.findIndex((w) => w.platform === v.platform) === i);
  const nodes = firsts.map((video): Shortcode => {
    const named: Record<string, string> = Object.create(null);
    if (video.page) named.page = String(video.page);
    if (video.title) named.title = video.title;
    named[video.platform === 'bilibili' && video.id.startsWith('av') ? 'aid' : 'id'] = video.id;
    return { type: 'shortcode', name: video.platform, delimiter: '<', form: 'block', positional: [], named, paired: false, children: [] };
  });
  const holder: Root = { type: 'root', children: nodes };
  expandShortcodes(holder, file, { handlers: builtins, options: {} });
  const at = tree.children.findIndex((n) => n.type !== 'yaml' && n.type !== 'toml');
  tree.children.splice(at === -1 ? tree.children.length : at, 0, ...holder.children);
  return nodes.length;
}
