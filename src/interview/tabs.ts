/**
 * One talk on several platforms: a run of embeds of different platforms (the
 * reference post's `## Videos` with `Bilibili` / `YouTube` labels) becomes a
 * single `videoTabs` node (`div.video-group`): a `div.video-tabs` tablist and
 * one `div.video-panel` per platform, the panels
 * other than the default `hidden` (embeds in hidden panels do not autoload).
 */
import type { Element } from 'hast';
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { shortcodeLabels } from '../shortcodes/labels.js';
import type { Shortcode } from '../shortcodes/types.js';
import type { VideoRef } from '../types.js';
import { platformNames } from './platforms.js';
import type { Platform, VideoPanel, VideoTabs } from './types.js';
import { sameVideo, shortcodeVideo } from './videos.js';

const labelOnly = /^[\s:：]*(?:(?:bilibili|youtube|vimeo|b站|哔哩哔哩|油管)[\s:：]*)*$/i;
const hasLabel = /bilibili|youtube|vimeo|b站|哔哩哔哩|油管/i;
const videosHeading = /^\s*(?:videos?|视频|影片)\s*$/i;

/** Options of `groupVideoTabs`. */
export interface TabsOptions {
  /** Platform shown first. */
  defaultPlatform: Platform;
  /** Front matter `videos` (a run whose ids are all listed here is one talk). */
  listed: readonly VideoRef[];
  /** Page language, for the tablist's accessible name. */
  language: string;
  /** Embeds for listed videos on platforms a talk's run lacks. */
  missing: (videos: readonly VideoRef[]) => Run['embeds'];
}

/** A run of embed blocks (with platform labels between them). */
export interface Run {
  start: number;
  end: number;
  embeds: Array<{ node: Shortcode; video: VideoRef }>;
  labelled: boolean;
}

/** Replaces each run of embeds that shows one talk by a `videoTabs` node. Returns how many were made. */
export function groupVideoTabs(tree: Root, options: TabsOptions): number {
  let made = 0;
  for (let i = 0; i < tree.children.length; i++) {
    const run = runAt(tree.children, i);
    if (!run) continue;
    const previous = tree.children[run.start - 1];
    const platforms = new Set(run.embeds.map((e) => e.video.platform));
    const listed = run.embeds.every((e) => options.listed.some((v) => sameVideo(v, e.video)));
    const extra = listed && platforms.size === run.embeds.length ? options.missing(options.listed.filter((v) => !platforms.has(v.platform))) : [];
    const embeds = [...run.embeds, ...extra];
    const oneTalk =
      embeds.length >= 2 &&
      platforms.size === run.embeds.length &&
      (listed || run.labelled || (previous?.type === 'heading' && videosHeading.test(toString(previous as Heading))));
    if (!oneTalk) {
      i = run.end - 1;
      continue;
    }
    tree.children.splice(run.start, run.end - run.start, tabsNode(embeds, ++made, options));
  }
  return made;
}

/** The maximal run of embed / label-only blocks starting at `index`, if it holds an embed. */
function runAt(children: RootContent[], index: number): Run | undefined {
  const run: Run = { start: index, end: index, embeds: [], labelled: false };
  for (let i = index; i < children.length; i++) {
    const node = children[i]!;
    const video = node.type === 'shortcode' ? shortcodeVideo(node) : undefined;
    if (node.type === 'shortcode' && video) run.embeds.push({ node, video });
    else if (node.type === 'paragraph' && isEmbedParagraph(node)) {
      for (const child of node.children) {
        const v = child.type === 'shortcode' ? shortcodeVideo(child) : undefined;
        if (v) run.embeds.push({ node: child as Shortcode, video: v });
      }
      if (hasLabel.test(labelText(node))) run.labelled = true;
    } else break;
    run.end = i + 1;
  }
  return run.embeds.length ? run : undefined;
}

/** A paragraph holding only embed shortcodes and platform labels (`Bilibili`). */
function isEmbedParagraph(node: Paragraph): boolean {
  const rest = node.children.filter((c) => !(c.type === 'shortcode' && shortcodeVideo(c)));
  return rest.every((c) => c.type === 'text' || c.type === 'break' || c.type === 'strong' || c.type === 'emphasis') && labelOnly.test(labelText(node));
}

function labelText(node: Paragraph): string {
  return node.children.map((c) => (c.type === 'shortcode' ? ' ' : toString(c))).join('');
}

function tabsNode(embeds: Run['embeds'], n: number, options: TabsOptions): VideoTabs {
  const active = embeds.find((e) => e.video.platform === options.defaultPlatform)?.video.platform ?? embeds[0]!.video.platform;
  const id = (kind: string, platform: Platform) => `onair-video-${n}-${kind}-${platform}`;
  const buttons = embeds.map(({ video: { platform } }): Element => ({
    type: 'element',
    tagName: 'button',
    properties: {
      type: 'button',
      role: 'tab',
      id: id('tab', platform),
      ariaSelected: String(platform === active),
      ariaControls: [id('panel', platform)],
      tabIndex: platform === active ? 0 : -1,
      dataPlatform: platform,
    },
    children: [{ type: 'text', value: platformNames[platform] }],
  }));
  const panels = embeds.map(({ node, video: { platform } }): VideoPanel => ({
    type: 'videoPanel',
    platform,
    children: [{ ...node, form: 'block' }],
    data: {
      hName: 'div',
      hProperties: {
        className: ['video-panel'],
        role: 'tabpanel',
        id: id('panel', platform),
        ariaLabelledBy: [id('tab', platform)],
        dataPlatform: platform,
        hidden: platform !== active,
      },
    },
  }));
  return {
    type: 'videoTabs',
    children: [
      { type: 'videoTabList', children: [], data: { hName: 'div', hProperties: { className: ['video-tabs'], role: 'tablist', ariaLabel: shortcodeLabels(options.language).videoPlatforms }, hChildren: buttons } },
      ...panels,
    ],
    data: { hName: 'div', hProperties: { className: ['video-group'], dataDefaultPlatform: active } },
  };
}
