/**
 * A post's summary from its hast body: the content before `<!--more-->`,
 * else the front-matter summary (or excerpt/description), else, as Hugo
 * does, whole paragraphs until they reach `summaryLength` words (CJK
 * characters counted one by one, as in `reading.ts`); a paragraph longer than
 * the limit by itself is cut where the limit is reached.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Html, Root as MdastRoot } from 'mdast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { countWords, truncateWords } from './reading.js';

/** Options of {@link summarize}. */
export interface SummaryOptions {
  /** Front matter `summary` (or `excerpt`, `description`): used when there is no marker. */
  matterSummary?: string;
  /** Words an automatic summary reaches (whole paragraphs, so it may have more). Default 70. */
  summaryLength?: number;
  /**
   * The post's URL as links write it (base path included: `/blog/post/x/`).
   * The summary is shown on other pages (home, terms), so its relative links
   * and `#fragments` are rewritten against this URL (on copies: `body` keeps
   * its own). Default: left as written.
   */
  url?: string;
}

/** What {@link summarize} returns. */
export interface Summary {
  /** Summary as hast, for list pages. */
  summary: ElementContent[];
  /** Plain text, whitespace collapsed. */
  text: string;
  /** True when the post has more than the summary shows. */
  truncated: boolean;
}

/** Property that marks the `<!--more-->` element left by {@link remarkMoreMarker}. */
const markerProperty = 'dataOnairMore';

/**
 * Remark plugin: turn a block `<!--more-->` into an empty
 * `<div data-onair-more>` so the marker survives raw-HTML sanitizing (which
 * drops comments). {@link summarize} finds it and removes it from the body.
 */
export function remarkMoreMarker() {
  return function (tree: MdastRoot): void {
    tree.children.forEach((node, index) => {
      if (node.type === 'html' && isMore((node as Html).value)) {
        tree.children[index] = {
          type: 'paragraph',
          children: [],
          data: { hName: 'div', hProperties: { [markerProperty]: '' } }
        };
      }
    });
  };
}

function isMore(value: string): boolean {
  return /^<!--\s*more\s*-->$/i.test(value.trim());
}

function isMarker(node: RootContent): boolean {
  if (node.type === 'element') return node.properties?.[markerProperty] !== undefined;
  if (node.type === 'comment') return node.value.trim().toLowerCase() === 'more';
  if (node.type === 'raw') return isMore(node.value);
  return false;
}

/** Blocks that make good automatic summaries: prose, not headings, embeds or code. */
const proseTags = new Set(['p', 'blockquote', 'ul', 'ol', 'dl']);

/**
 * Summarize `body`. A `<!--more-->` marker at the top level (as left by
 * {@link remarkMoreMarker}, a comment or a raw node) is removed from `body`
 * (the only mutation), and what came before it is the summary.
 */
export function summarize(body: Root, options: SummaryOptions = {}): Summary {
  const result = pick(body, options);
  return options.url === undefined ? result : { ...result, summary: result.summary.map((node) => rebase(node, options.url!)) };
}

function pick(body: Root, options: SummaryOptions): Summary {
  const limit = options.summaryLength ?? 70;
  const markerAt = body.children.findIndex(isMarker);
  if (markerAt !== -1) {
    const before = body.children.slice(0, markerAt) as ElementContent[];
    const after = body.children.slice(markerAt + 1);
    body.children.splice(markerAt, 1);
    return {
      summary: before.filter((node) => node.type !== 'comment'),
      text: collapse(before.map((node) => toString(node)).join(' ')),
      truncated: after.some((node) => toString(node as ElementContent).trim() !== '' || node.type === 'element')
    };
  }

  const matter = options.matterSummary?.trim();
  if (matter) {
    const text = collapse(matter);
    return { summary: [h('p', text)], text, truncated: hasText(body) };
  }

  const summary: ElementContent[] = [];
  let words = 0;
  for (const node of body.children) {
    if (node.type !== 'element' || !proseTags.has(node.tagName)) continue;
    const nodeText = toString(node);
    if (nodeText.trim() === '') continue;
    const count = countWords(nodeText).total;
    // One paragraph longer than the whole limit (a transcript turn) is cut at what is left, so a summary stays short.
    if (count > limit) {
      const cut = truncateWords(nodeText, limit - words);
      summary.push(h('p', cut.text + (cut.truncated ? '…' : '')));
      break;
    }
    summary.push(node);
    words += count;
    if (words >= limit) break;
  }
  const text = collapse(summary.map((node) => toString(node)).join(' '));
  // Whitespace changes no word count, so the whole text is not collapsed; fewer blocks shown than the body has settles it without counting the whole body.
  const truncated = summary.length < countElements(body) || countWords(text).total < countWords(toString(body)).total;
  return { summary, text, truncated };
}

const origin = 'https://onair.invalid';

/** Copy of `node` with relative `href`/`src`/`poster` resolved against `url` (a path). */
function rebase(node: ElementContent, url: string): ElementContent {
  if (node.type !== 'element') return node;
  const properties = { ...node.properties };
  for (const key of ['href', 'src', 'poster']) {
    const value = properties[key];
    if (typeof value !== 'string' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(value) || value.startsWith('/')) continue;
    const resolved = new URL(value, origin + url);
    properties[key] = resolved.pathname + resolved.search + resolved.hash;
  }
  return { ...node, properties, children: node.children.map((child) => rebase(child, url)) };
}

/** True when a text node under `node` holds more than whitespace (as `toString(node).trim() !== ''`, without making the string). */
function hasText(node: Root | ElementContent): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  return 'children' in node && node.children.some((child) => child.type !== 'doctype' && hasText(child));
}

function countElements(body: Root): number {
  return body.children.filter((node) => node.type === 'element').length;
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
