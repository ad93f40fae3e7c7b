/**
 * The post's videos: front matter `videos`, else the embed shortcodes in the
 * body; the `metadata` links made from them; and the check that `metadata`
 * links point at the videos the post actually embeds.
 */
import type { Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import { visit } from '../util/visit.js';
import type { VFile } from 'vfile';
import { isFrontMatterNode } from '../content/matter.js';
import type { Shortcode } from '../shortcodes/types.js';
import type { MetadataLink, VideoRef } from '../types.js';
import { isPlatform, parseVideo, parseVideoUrl, platformNames, watchUrl } from './platforms.js';

/** The video an embed shortcode (`youtube`, `bilibili`, `vimeo`) shows, or `undefined` (not an embed, or a bad id). */
export function shortcodeVideo(node: Shortcode): VideoRef | undefined {
  if (!isPlatform(node.name)) return undefined;
  const named = node.named ?? {};
  const raw = node.positional?.[0] ?? named.id ?? (node.name === 'bilibili' ? (named.bvid ?? (named.aid && `av${named.aid.replace(/^av/i, '')}`)) : undefined);
  const video = raw ? parseVideo(node.name, raw) : undefined;
  if (!video) return undefined;
  const page = Number(named.page ?? named.p ?? node.positional?.[1]);
  if (node.name === 'bilibili' && Number.isInteger(page) && page > 1) video.page = page;
  return video;
}

/** Every embed shortcode in `tree` with its video, in document order. */
export function embeddedVideos(tree: Root): Array<{ node: Shortcode; video: VideoRef }> {
  const found: Array<{ node: Shortcode; video: VideoRef }> = [];
  visit(tree, 'shortcode', (node) => {
    const video = shortcodeVideo(node);
    if (video) found.push({ node, video });
  });
  return found;
}

/**
 * The video each top-level block's timestamps mean: the nearest video embedded
 * above it (the `platform` one of a group of tabs), so the times under
 * `## P2` seek part 2; `fallback` (the post's video) above the first embed.
 */
export function videosAbove(tree: Root, fallback: VideoRef | undefined, platform: string): Map<RootContent, VideoRef | undefined> {
  const at = new Map<RootContent, VideoRef | undefined>();
  let current = fallback;
  for (const node of tree.children) {
    const here: VideoRef[] = [];
    visit(node, 'shortcode', (embed) => {
      const video = shortcodeVideo(embed);
      if (video) here.push(video);
    });
    if (here.length) current = here.find((v) => v.platform === platform) ?? here[0];
    at.set(node, current);
  }
  return at;
}

/** `metadata` links (`[{text: 'YouTube', link: …}]`) for videos, one per video. */
export function metadataFromVideos(videos: readonly VideoRef[]): MetadataLink[] {
  return videos.map((video) => ({ text: platformNames[video.platform], link: watchUrl(video) }));
}

/** True when two refs name the same video (same platform, id and page). */
export function sameVideo(a: VideoRef, b: VideoRef): boolean {
  return a.platform === b.platform && a.id === b.id && (a.page ?? 1) === (b.page ?? 1);
}

/**
 * Warns (`video-metadata-mismatch`) for each `metadata` link to a video on a
 * platform whose shown video is a different one.
 */
export function checkMetadata(file: VFile, tree: Root, shown: readonly VideoRef[], metadata: readonly MetadataLink[]): void {
  for (const link of metadata) {
    const linked = parseVideoUrl(link.link);
    if (!linked) continue;
    const onPlatform = shown.filter((v) => v.platform === linked.platform);
    if (onPlatform.length === 0 || onPlatform.some((v) => sameVideo(v, linked))) continue;
    const expected = onPlatform.map((v) => '`' + v.id + '`').join(' or ');
    file.message(
      `Unexpected \`metadata\` link to ${platformNames[linked.platform]} video \`${linked.id}\`, expected the shown video ${expected}; link the same video, or drop \`metadata\` to derive it from \`videos\``,
      { place: placeOf(tree, link.link), ruleId: 'video-metadata-mismatch', source: 'onair' },
    );
  }
}

/** Where `text` is written in the front matter (its line and column), else the front matter itself. */
function placeOf(tree: Root, text: string): Point | Position | undefined {
  const head = tree.children[0];
  if (!head || !isFrontMatterNode(head) || !head.position) return undefined;
  const lines = head.value.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line === -1) return head.position;
  // A JSON value starts with its `{`; YAML and TOML values on the line after their fence.
  const first = head.type === 'json' ? head.position.start.line : head.position.start.line + 1;
  return { line: first + line, column: lines[line]!.indexOf(text) + 1 };
}
