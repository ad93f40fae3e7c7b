/**
 * Shapes made by the interview plugin: the mdast nodes it adds (turns,
 * speaker labels, video tabs) and the data it leaves on the file.
 */
import type { BlockContent, Data, Parent, PhrasingContent } from 'mdast';
import type { VideoRef } from '../types.js';
import type { Shortcode } from '../shortcodes/types.js';

/** A video platform onair can embed. */
export type Platform = VideoRef['platform'];

/** One chapter of the post's video (`## Chapters` list). */
export interface Chapter {
  /** Start in seconds. */
  start: number;
  /** Plain-text title. */
  title: string;
}

/** One speaker turn of the transcript, as plain data. */
export interface TranscriptTurn {
  /** Display name. */
  speaker: string;
  /** Stable id (`huabing`), also `data-speaker`. */
  speakerId: string;
  /** Per-speaker index (listed speakers first, in list order). */
  index: number;
  /** Seconds of the timestamp at the start of the turn, if any. */
  start?: number;
  /** Plain text of the turn, without the label. */
  text: string;
}

/** A piece of transcript from one timestamp to the next (for subtitles). */
export interface TranscriptCue {
  /** Seconds. */
  start: number;
  /** What is said, one entry per speaker in order (`speaker` unset outside turns). */
  lines: Array<{ speaker?: string; text: string }>;
}

/** A speaker turn: label + the paragraphs (and other blocks) it spans. */
export interface Turn extends Parent {
  type: 'turn';
  /** Display name of the speaker. */
  speaker: string;
  speakerId: string;
  index: number;
  children: Array<SpeakerLabel | BlockContent>;
  data?: Data;
}

/** The speaker's name (and role) at the start of a turn. */
export interface SpeakerLabel extends Parent {
  type: 'speakerLabel';
  children: PhrasingContent[];
  data?: Data;
}

/** One player with platform tabs; each panel holds one embed shortcode. */
export interface VideoTabs extends Parent {
  type: 'videoTabs';
  children: Array<VideoTabList | VideoPanel>;
  data?: Data;
}

/** The row of tab buttons (made as hast in `data.hChildren`). */
export interface VideoTabList extends Parent {
  type: 'videoTabList';
  children: [];
  data?: Data;
}

/** One platform's panel of a `videoTabs` node. */
export interface VideoPanel extends Parent {
  type: 'videoPanel';
  platform: Platform;
  children: Shortcode[];
  data?: Data;
}

declare module 'mdast' {
  interface RootContentMap {
    turn: Turn;
    speakerLabel: SpeakerLabel;
    videoTabs: VideoTabs;
    videoPanel: VideoPanel;
    videoTabList: VideoTabList;
  }
  interface BlockContentMap {
    turn: Turn;
    videoTabs: VideoTabs;
  }
  interface LinkData {
    /** Seconds, when the link is a transcript timestamp. */
    onairTimestamp?: number;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** Chapters of the post's video, from a timestamped list. */
    chapters: Chapter[];
    /** Speaker turns of the transcript, in order. */
    transcript: TranscriptTurn[];
    /** Timestamped pieces of the transcript (input of `toWebVtt`). */
    cues: TranscriptCue[];
    /** The post's videos: front matter `videos`, else the embeds in the body. */
    postVideos: VideoRef[];
    /** True when the page has a video or video tabs: it then loads `interview.js` (tabs, timestamps, `#t=` links). */
    hasInterview: boolean;
  }
}
