/**
 * The interview plugin (`remarkInterview`): after shortcodes are expanded,
 * puts a player for front matter `videos` at the top when the body embeds
 * none, groups a talk's embeds into platform tabs, links `[12:34]` timestamps
 * to the nearest video above them (the post's video above the first), marks
 * the chapter list and wraps speaker turns. It leaves
 * `chapters`, `transcript`, `cues`, `postVideos` and `hasInterview` on
 * `file.data` for the build (JSON-LD, meta tags, `transcript.vtt`, assets).
 */
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { VideoRef } from '../types.js';
import { extractChapters } from './chapters.js';
import { isPlatform, isValidVideoId } from './platforms.js';
import { embedsFor, insertPlayer } from './player.js';
import { groupVideoTabs } from './tabs.js';
import { linkLeadingTimestamps } from './leading-times.js';
import { splitPastedLists } from './pasted-lists.js';
import { linkTimestamps } from './timestamps.js';
import { groupTurns } from './turns.js';
import type { Platform, TranscriptTurn } from './types.js';
import { transcriptCues } from './vtt.js';
import { checkMetadata, embeddedVideos, sameVideo, videosAbove } from './videos.js';

export type { Chapter, Platform, TranscriptCue, TranscriptTurn, Turn, SpeakerLabel, VideoTabs, VideoPanel, VideoTabList } from './types.js';
export { videoJsonLd, jsonLdScript, type VideoPost } from './jsonld.js';
export { videoMetaTags, type MetaOptions } from './meta.js';
export { toWebVtt, transcriptCues, type VttOptions } from './vtt.js';
export { metadataFromVideos, shortcodeVideo } from './videos.js';
export { parseTimestamp, formatTimestamp } from './time.js';
export { isPlausibleLabel } from './labels.js';
export { watchUrl, embedUrl, parseVideoUrl } from './platforms.js';

/** Options of `remarkInterview`. */
export interface Options {
  /** Platform shown first when a talk is on several (config `video.defaultPlatform`). Default: from `language`. */
  defaultPlatform?: Platform;
  /** BCP 47 language of the page: `zh*` defaults to bilibili, anything else to youtube. Default `en`. */
  language?: string;
}

/** The platform a reader sees first: the option, else bilibili for Chinese pages, else youtube. */
export function defaultPlatformFor(options: Readonly<Options>): Platform {
  return options.defaultPlatform ?? ((options.language ?? 'en').toLowerCase().startsWith('zh') ? 'bilibili' : 'youtube');
}

/** Remark plugin for interview posts (speakers, timestamps, platform tabs, chapters). */
export function remarkInterview(options: Readonly<Options> = {}) {
  if (options.defaultPlatform !== undefined && !isPlatform(options.defaultPlatform)) {
    throw new TypeError(`Unexpected \`defaultPlatform\` \`${String(options.defaultPlatform)}\`, expected \`youtube\`, \`bilibili\` or \`vimeo\``);
  }
  const defaultPlatform = defaultPlatformFor(options);
  const language = options.language ?? 'en';
  return (tree: Root, file: VFile): void => {
    const matter = file.data.matter;
    const listed = (matter?.videos ?? []).filter((v) => isValidVideoId(v.platform, v.id));
    const embeds = embeddedVideos(tree).map((e) => e.video);
    const videos = listed.length ? listed : dedupe(embeds);
    checkMetadata(file, tree, [...listed, ...embeds], matter?.metadata ?? []);
    if (embeds.length === 0 && listed.length > 0) insertPlayer(tree, file, listed, language);
    const tabs = groupVideoTabs(tree, { defaultPlatform, listed, language, missing: (v) => embedsFor(v, file, language) });
    splitPastedLists(tree);
    const video = videos.find((v) => v.platform === defaultPlatform) ?? videos[0];
    const above = videosAbove(tree, video, defaultPlatform);
    const videoOf = (block: RootContent) => above.get(block);
    const timestamps = linkTimestamps(tree, file, videoOf) + linkLeadingTimestamps(tree, videoOf);
    file.data.chapters = extractChapters(tree, file);
    file.data.transcript = groupTurns(tree, matter?.speakers ?? []);
    file.data.cues = timestamps > 0 ? transcriptCues(tree) : [];
    file.data.postVideos = videos;
    // Any post with a video takes `#t=` / `?t=` deep links (the JSON-LD seek target).
    file.data.hasInterview = tabs > 0 || videos.length > 0;
  };
}

export default remarkInterview;

/** Plain text of the transcript (`Name: words`, one turn a paragraph), for JSON-LD `transcript`. */
export function transcriptText(turns: readonly TranscriptTurn[]): string {
  return turns.map((t) => `${t.speaker}: ${t.text}`).join('\n\n');
}

function dedupe(videos: VideoRef[]): VideoRef[] {
  return videos.filter((v, i) => videos.findIndex((w) => sameVideo(v, w)) === i);
}
