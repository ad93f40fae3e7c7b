/**
 * Raw HTML and URLs in content, made safe. Runs right after remark-rehype:
 * - every URL attribute goes through `isSafeUrl`; unsafe ones are removed with
 *   an `unsafe-url` warning at the source position;
 * - raw HTML (when present) is parsed into the tree and, unless the site opts
 *   into `unsafe`, sanitized with a GitHub-like schema widened to what authors
 *   use (details/summary, figure, kbd, sub/sup, https video/audio). Only the
 *   elements that came from raw HTML are sanitized: what onair made from
 *   Markdown (embeds, tabs, speaker turns) is marked before the reparse and
 *   kept as it is.
 * Only the elements that came from raw HTML are sanitized: what onair made
 * from Markdown (embeds, tabs, speaker turns, timestamps) is marked before the
 * reparse and kept as it is.
 * Trees without raw HTML skip the reparse entirely: it is the costly part.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';
import { isSafeUrl } from '../util/url.js';

/** Options of `rehypeSafeHtml`. */
export interface SafeHtmlOptions {
  /** Keep raw HTML as written (no sanitizing). URLs are still checked. Default false. */
  unsafe?: boolean;
}

const URL_PROPERTIES = ['href', 'src', 'poster', 'action', 'formAction', 'cite', 'background', 'longDesc', 'srcSet', 'data'] as const;
const IMAGE_PROPERTIES = new Set(['src', 'srcSet', 'poster']);

const media = ['src', 'controls', 'width', 'height', 'preload', 'loop', 'muted', 'playsInline', 'poster'];

/** The sanitize schema: GitHub's, plus what interview authors use. */
export const schema: Schema = {
  ...defaultSchema,
  clobber: ['name'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'video', 'audio', 'source', 'track', 'mark', 'abbr', 'small', 'time', 'cite', 'u', 'button', 'picture'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'data*', 'ariaLabel', 'ariaHidden', 'role', 'loading', 'decoding'],
    a: [...(defaultSchema.attributes?.a ?? []), 'target', 'rel'],
    video: media,
    audio: media.filter((name) => name !== 'poster' && name !== 'playsInline'),
    source: ['src', 'type', 'srcSet', 'media'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
    time: ['dateTime'],
    button: ['type'],
    code: ['className'],
  },
  protocols: {
    ...defaultSchema.protocols,
    src: ['https', 'http'],
    poster: ['https', 'http'],
  },
  strip: ['script', 'style'],
};

/** A rehype plugin: URL guard plus raw HTML parse and sanitize. */
export default function rehypeSafeHtml(options: SafeHtmlOptions = {}) {
  const unsafe = options.unsafe === true;
  return function (tree: Root, file: VFile): Root {
    let hasRaw = false;
    visit(tree, 'raw', () => {
      hasRaw = true;
      return false;
    });
    // Before the reparse (which loses the positions of Markdown elements) and
    // before sanitizing (which drops unsafe URLs silently): each gets its warning.
    guardUrls(tree, file);
    if (!hasRaw) return tree;
    visit(tree, 'element', (node) => {
      node.properties[TRUSTED] = '';
      // Plugins may give `className` as a string (hast wants a list); the reparse would drop it.
      const className: unknown = node.properties.className;
      if (typeof className === 'string') node.properties.className = className.split(/\s+/).filter(Boolean);
    });
    const result = raw(tree, { file }) as Root;
    guardUrls(result, file);
    if (unsafe) visit(result, 'element', (node) => void delete node.properties[TRUSTED]);
    else cleanChildren(result);
    return result;
  };
}

/** Property marking elements onair made (not from raw HTML) during the reparse. */
const TRUSTED = 'dataOnairTrusted';

/**
 * Sanitizes, element by element, what came from raw HTML: each untrusted
 * element is checked on its own (tag and attributes) against the schema and
 * its children are cleaned the same way, so trusted elements inside raw HTML
 * (Markdown in `<details>`) keep their attributes.
 */
function cleanChildren(parent: Root | Element): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'comment') continue;
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    if (child.properties[TRUSTED] !== undefined) {
      delete child.properties[TRUSTED];
      cleanChildren(child);
      out.push(child);
      continue;
    }
    if (schema.strip?.includes(child.tagName)) continue;
    const shallow = sanitize({ type: 'root', children: [{ ...child, children: [] }] }, schema) as Root;
    const kept = shallow.children[0];
    cleanChildren(child);
    if (kept && kept.type === 'element' && kept.tagName === child.tagName) {
      kept.children = child.children;
      out.push(kept);
    } else out.push(...child.children);
  }
  parent.children = out as ElementContent[];
}

/** Removes unsafe URLs from every element, with a warning per removal. */
export function guardUrls(tree: Root, file: VFile): void {
  visit(tree, 'element', (node: Element) => {
    for (const name of URL_PROPERTIES) {
      const value = node.properties[name];
      if (value === undefined || value === null) continue;
      const url = Array.isArray(value) ? value.join(' ') : String(value);
      if (isSafeUrl(url, { image: IMAGE_PROPERTIES.has(name) && (node.tagName === 'img' || node.tagName === 'source' || node.tagName === 'video') })) continue;
      delete node.properties[name];
      file.message(`Unexpected unsafe URL \`${truncate(url)}\` in \`${name}\`, expected http(s), mailto or a relative URL; the URL was removed`, {
        place: node.position,
        ruleId: 'unsafe-url',
        source: 'onair',
      });
    }
  });
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
