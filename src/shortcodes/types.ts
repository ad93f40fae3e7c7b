/**
 * The `shortcode` mdast node and the handler interface that expands it.
 */
import type { ElementContent } from 'hast';
import type { Parent, PhrasingContent, BlockContent, DefinitionContent } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VideoRef } from '../types.js';

/** One argument as written, in order, with its place (for messages). */
export interface ShortcodeArgument {
  /** Set for a named argument (`name=value`). */
  name?: string;
  /** Value with quotes removed and `\"`, `\\` unescaped. */
  value: string;
  position?: Position;
}

/** Argument values: always strings (`true`, `false`, `1`, `0` too: handlers read booleans). */
export type ShortcodeValue = string;

/**
 * `{{< name args >}}` / `{{% name args %}}` (and their paired forms).
 * Positional and named arguments cannot be mixed (as in Hugo): exactly one of
 * `positional`/`named` has entries (or neither).
 */
export interface Shortcode extends Parent {
  type: 'shortcode';
  name: string;
  /** `<` for `{{< >}}` (inner is raw), `%` for `{{% %}}` (inner is Markdown), unless the handler says otherwise (`ShortcodeHandler.inner`). */
  delimiter: '<' | '%';
  /** `block` when the shortcode stands alone on its line(s), else `inline`. */
  form: 'block' | 'inline';
  /** Positional arguments in order. */
  positional: ShortcodeValue[];
  /** Named arguments. A null-prototype object. */
  named: Record<string, ShortcodeValue>;
  /** Paired shortcode: true when its closing tag was found (even if the inner content is empty). */
  paired: boolean;
  /** `{{< name />}}` (explicitly self-closing). */
  selfClosing?: boolean;
  /** A closing tag `{{< /name >}}` with no opening before it (reported as `invalid-shortcode`). */
  closing?: boolean;
  /** Every argument as written (positional and named, in order), with places. */
  arguments?: ShortcodeArgument[];
  /** Malformed syntax (reported as `invalid-shortcode`): why, and where exactly. */
  invalid?: { reason: string; place: Point };
  /** Literal source of a malformed tag (printed back as is). */
  source?: string;
  /** Raw inner text of a paired `{{< >}}` shortcode (of either kind when its handler's `inner` is `raw`). */
  inner?: string;
  /** Parsed inner Markdown of a paired `{{% %}}` shortcode, and nested shortcodes (of either kind when its handler's `inner` is `markdown`). */
  children: Array<BlockContent | DefinitionContent | PhrasingContent | Shortcode>;
}

declare module 'mdast' {
  interface RootContentMap {
    shortcode: Shortcode;
  }
  interface BlockContentMap {
    shortcode: Shortcode;
  }
  interface PhrasingContentMap {
    shortcode: Shortcode;
  }
}

/** Everything a handler gets besides the node. */
export interface ShortcodeContext {
  /** The file being processed (for `file.data.matter`, and messages). */
  file: VFile;
  /**
   * Reports a content problem at the node (or a given place) as a vfile
   * message with a rule id; `fatal` makes it an error.
   */
  report(reason: string, ruleId: string, options?: { fatal?: boolean; node?: Shortcode }): void;
  /** Gets a parameter by name, falling back to a position (Hugo's `.Get`). */
  get(name: string, position?: number): string | undefined;
  /** Unique id for this embed within the page (`onair-embed-3`). */
  uniqueId(prefix: string): string;
  /**
   * Inner Markdown of a paired shortcode (`{{% %}}`, or a handler's `inner:
   * 'markdown'`), already converted to hast; raw HTML in it is kept as `raw`
   * nodes when the `allowDangerousHtml` option is on, else left out (as
   * remark-rehype does with the rest of the page). `block`: phrasing content
   * (an inline pair) comes in a paragraph, as Hugo's `RenderString` with
   * `display: block` renders it.
   */
  innerHast(options?: { block?: boolean }): ElementContent[];
  /** Records a video the page embeds (collected in `file.data.embeddedVideos`). */
  addVideo(video: VideoRef): void;
  /** Options given to the plugin (poster defaults etc). */
  options: Readonly<ShortcodeOptions>;
}

/** Result of a handler: hast to put in place of the shortcode, or nothing. */
export type ShortcodeResult = ElementContent | ElementContent[] | undefined;

/** A shortcode handler. Pure: returns hast, reports problems through `ctx.report`. */
export interface ShortcodeHandler {
  (node: Shortcode, ctx: ShortcodeContext): ShortcodeResult;
  /** Parameters it accepts (for the unknown-parameter warning with the nearest name). */
  params?: readonly string[];
  /** What its positional arguments are, in order, when it reads them (more are an unknown-parameter warning). */
  positional?: readonly string[];
  /** True when the handler makes a video embed (the page then loads the embed assets). */
  embed?: boolean;
  /**
   * True when the shortcode takes inner content and needs a closing tag
   * (Hugo's `.Inner`, e.g. `highlight`): only such names pair up, and a
   * missing closing tag is `unclosed-shortcode`.
   */
  paired?: boolean;
  /**
   * How a paired shortcode's inner content is read when not as Hugo passes
   * `.Inner` by default (raw text for `{{< >}}`, Markdown for `{{% %}}`):
   * `markdown` for both (a template that renders `.Inner` as Markdown, such
   * as `details`), `raw` for both (never parsed, so nothing in it is
   * expanded or checked: `comment`).
   */
  inner?: 'markdown' | 'raw';
  /**
   * Makes the handler ready before a tree that uses it is expanded: a
   * promise to wait for, or `undefined` when it is ready (the `highlight`
   * shortcode loads the highlighter in the thread the first time). A tree
   * that has to wait is expanded asynchronously: use `process`, not `processSync`.
   */
  prepare?: () => Promise<void> | undefined;
}

/** Options of `remarkShortcodes`. */
export interface ShortcodeOptions {
  /** Extra or replacement handlers, by shortcode name. */
  shortcodes?: Record<string, ShortcodeHandler>;
  /**
   * Keep raw HTML in shortcodes' inner Markdown (and a `.html` template's
   * `.Inner`) as `raw` hast nodes, as remark-rehype's option of the same name
   * keeps the page's: pass the value given to remark-rehype, and sanitize
   * after it (rehype-sanitize, or onair's own). Default false: left out, as
   * remark-rehype leaves out the page's.
   */
  allowDangerousHtml?: boolean;
  /**
   * Goldmark's typographer (curly quotes, dashes, ellipses) on what the
   * built-ins render from Markdown arguments, as Hugo's `markdownify` and
   * `RenderString` apply the page's: figure `caption` and `attr` (and the
   * `alt` made from the caption), details `summary`, a `.html` template's
   * `markdownify`; never on arguments Hugo prints as written (`title`, `alt`).
   * Pass the page's setting. Default false.
   */
  typographer?: boolean;
  /** Unknown shortcodes: `error` (default, as in Hugo) or `warn` (rendered as a visible placeholder). */
  unknown?: 'error' | 'warn';
  /**
   * What the `unknown-shortcode` message tells the author to do; `{name}`
   * stands for the shortcode's name. Default: register a handler for it in
   * the `shortcodes` option (a site build says where its templates go).
   */
  unknownFix?: string;
  /** Use the platform's remote thumbnail as the poster (YouTube's image host). Default false. */
  remoteThumbnails?: boolean;
  /** Poster image URL when the post has none of its own. Default: the post's `image`, else a generated placeholder. */
  poster?: string;
  /**
   * Finds the URL (base path included, `/blog/post/x/`) of another content
   * file for `ref`/`relref`: `ref` as written (`posts/x.md`, `/posts/x`,
   * `x.md`), `from` the current file's path. `undefined` when no page matches.
   * The build provides it; without it `ref` warns and prints the path.
   */
  resolveRef?: (ref: string, from: string) => string | undefined;
  /** Site params for `param` (after the page's own). Default none. */
  params?: Readonly<Record<string, unknown>>;
  /**
   * Shiki themes of the `highlight` shortcode (the site's, as fenced code
   * gets them; default `github-light` / `github-dark`), and whether its lines
   * are numbered, from which number, when the shortcode does not say (Hugo's
   * `markup.highlight.lineNos` / `lineNoStart`).
   */
  highlight?: Readonly<{ light: string; dark: string; lineNumbers?: boolean; lineStart?: number }>;
  /**
   * BCP 47 language of the pages (`zh-CN`, `zh-TW`, `en`): the words the
   * built-ins write (`Play video:`, `Watch on YouTube`) are Chinese for `zh*`
   * (Traditional for `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`), English for any
   * other. Default `en`.
   */
  language?: string;
}
