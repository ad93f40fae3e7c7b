/**
 * The words built-in shortcodes write into a post (the video facade's button
 * and links, the X, gist and Instagram cards, the unknown-shortcode placeholder, the platform
 * tablist, the `details` summary), in the page's language: Chinese for `zh*` (Traditional for
 * Taiwan, Hong Kong, Macau and `Hant`), English for anything else.
 */
import { chineseScript } from '../util/language.js';

/** Every label a built-in shortcode prints. */
export interface ShortcodeLabels {
  /** Screen-reader text before the title on the play button. */
  play: string;
  /** Screen-reader text between the title and the platform name on the play button. */
  on: string;
  /** Title of a video when neither the shortcode nor the post gives one. */
  untitled: (platform: string) => string;
  /** Accessible name of the player iframe (`title` is the known title, if any). */
  player: (title: string | undefined, platform: string) => string;
  /** The no-JavaScript link over the poster. */
  watchTitle: (title: string, platform: string) => string;
  /** The caption link to the platform. */
  watchOn: (platform: string) => string;
  /** Text of an X post card (`user` without the `@`, if known). */
  xPost: (user: string | undefined) => string;
  /** Link of an X post card. */
  xView: string;
  /** Text of a gist card (`file`: the one file shown, if named). */
  gistPost: (user: string, file: string | undefined) => string;
  /** Link of a gist card. */
  gistView: string;
  /** Text of an Instagram card. */
  instagramPost: string;
  /** Link of an Instagram card. */
  instagramView: string;
  /** Tooltip of the placeholder for a shortcode nobody handles. */
  unknownShortcode: (name: string) => string;
  /** Accessible name of the tablist of one talk on several platforms. */
  videoPlatforms: string;
  /** Summary of a `details` shortcode without a `summary` (Hugo's default). */
  details: string;
}

const en: ShortcodeLabels = {
  play: 'Play video: ',
  on: ' on ',
  untitled: (platform) => `${platform} video`,
  player: (title, platform) => (title ? `${title} (${platform})` : `${platform} video player`),
  watchTitle: (title, platform) => `Watch “${title}” on ${platform}`,
  watchOn: (platform) => `Watch on ${platform}`,
  xPost: (user) => (user ? `A post by @${user} on X` : 'A post on X'),
  xView: 'View the post on X',
  gistPost: (user, file) => (file ? `${file}, a gist by ${user} on GitHub` : `A gist by ${user} on GitHub`),
  gistView: 'View the gist on GitHub',
  instagramPost: 'A post on Instagram',
  instagramView: 'View the post on Instagram',
  unknownShortcode: (name) => `Unknown shortcode ${name}`,
  videoPlatforms: 'Video platform',
  details: 'Details',
};

const zhHans: ShortcodeLabels = {
  play: '播放视频：',
  on: '，来自 ',
  untitled: (platform) => `${platform} 视频`,
  player: (title, platform) => (title ? `${title}（${platform}）` : `${platform} 视频播放器`),
  watchTitle: (title, platform) => `在 ${platform} 上观看《${title}》`,
  watchOn: (platform) => `在 ${platform} 上观看`,
  xPost: (user) => (user ? `@${user} 在 X 上的帖子` : 'X 上的一条帖子'),
  xView: '在 X 上查看这条帖子',
  gistPost: (user, file) => (file ? `${user} 在 GitHub 上的 gist：${file}` : `${user} 在 GitHub 上的 gist`),
  gistView: '在 GitHub 上查看这个 gist',
  instagramPost: 'Instagram 上的一条帖子',
  instagramView: '在 Instagram 上查看这条帖子',
  unknownShortcode: (name) => `未知的短代码 ${name}`,
  videoPlatforms: '视频平台',
  details: '详细信息',
};

const zhHant: ShortcodeLabels = {
  play: '播放影片：',
  on: '，來自 ',
  untitled: (platform) => `${platform} 影片`,
  player: (title, platform) => (title ? `${title}（${platform}）` : `${platform} 影片播放器`),
  watchTitle: (title, platform) => `在 ${platform} 上觀看《${title}》`,
  watchOn: (platform) => `在 ${platform} 上觀看`,
  xPost: (user) => (user ? `@${user} 在 X 上的貼文` : 'X 上的一則貼文'),
  xView: '在 X 上查看這則貼文',
  gistPost: (user, file) => (file ? `${user} 在 GitHub 上的 gist：${file}` : `${user} 在 GitHub 上的 gist`),
  gistView: '在 GitHub 上查看這個 gist',
  instagramPost: 'Instagram 上的一則貼文',
  instagramView: '在 Instagram 上查看這則貼文',
  unknownShortcode: (name) => `未知的短代碼 ${name}`,
  videoPlatforms: '影片平台',
  details: '詳細資訊',
};

/**
 * Labels for a BCP 47 language tag (`zh-CN`, `zh-Hant-TW`, `en`; case and
 * `_` for `-` do not matter). A script subtag wins over the region.
 */
export function shortcodeLabels(language: string | undefined): ShortcodeLabels {
  const script = chineseScript(language);
  return script === 'hant' ? zhHant : script === 'hans' ? zhHans : en;
}
