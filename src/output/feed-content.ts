/**
 * A post body made fit for a feed: feed readers run no scripts or iframes,
 * so video embeds become a linked poster (or a plain link), active content
 * is removed, and every relative URL is made absolute against the post's URL.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';

/** Elements that carry active or interactive content: dropped with their children. */
const dropped = new Set(['script', 'iframe', 'object', 'embed', 'style', 'noscript', 'template', 'form', 'button', 'input', 'select', 'textarea', 'frame', 'frameset', 'applet', 'link', 'meta', 'base']);

/** hast property names whose values are URLs. */
const urlProperties = ['href', 'src', 'poster', 'cite', 'action', 'data'];

/** True when `node` has the class `name` (checked without making a list: this runs for every element of every feed body). */
function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties?.className;
  if (Array.isArray(value)) return value.some((item) => String(item) === name);
  return typeof value === 'string' && value.split(/\s+/).includes(name);
}

function find(node: Element, className: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (hasClass(child, className)) return child;
    const deeper = find(child, className);
    if (deeper) return deeper;
  }
  return undefined;
}

/** `figure.onair-embed` → a linked poster with a caption, or a plain link. */
function embedToLink(figure: Element): Element {
  const link = find(figure, 'onair-embed-link') ?? find(figure, 'onair-embed-fallback');
  const href = link?.properties?.href;
  const title = toString(find(figure, 'onair-embed-title') ?? figure).trim();
  const label = link ? toString(link).trim() : title;
  const watch = typeof href === 'string' ? href : undefined;
  const text = title && label && !label.includes(title) ? `${label}: ${title}` : label || title || 'Video';
  if (!watch) return h('p', text);
  const poster = find(figure, 'onair-embed-poster')?.properties?.src;
  if (typeof poster === 'string') {
    return h('figure', [h('a', { href: watch }, [h('img', { src: poster, alt: text })]), h('figcaption', [h('a', { href: watch }, text)])]);
  }
  return h('p', [h('a', { href: watch }, text)]);
}

function clean(children: ElementContent[], base: string): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'comment') continue;
    if (child.type !== 'element') {
      // `raw` nodes only exist with `unsafe: true`; feeds never pass them on.
      if ((child as { type: string }).type !== 'raw') out.push(child);
      continue;
    }
    if (dropped.has(child.tagName)) continue;
    const element = hasClass(child, 'onair-embed') ? embedToLink(child) : child;
    const properties: Element['properties'] = {};
    const given = element.properties ?? {};
    for (const key in given) {
      if (!Object.hasOwn(given, key)) continue;
      const value = given[key];
      if (/^on/i.test(key) || key === 'style') continue;
      if (urlProperties.includes(key) && typeof value === 'string') {
        const absolute = resolve(value, base);
        if (absolute !== undefined) properties[key] = absolute;
        continue;
      }
      if (key === 'srcSet') continue;
      properties[key] = value;
    }
    out.push({ type: 'element', tagName: element.tagName, properties, children: clean(element.children, base) });
  }
  return out;
}

function resolve(url: string, base: string): string | undefined {
  try {
    const resolved = new URL(url, base);
    // The body was sanitized already; this is a second fence for feeds.
    return ['http:', 'https:', 'mailto:'].includes(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body (or summary) as a feed-safe hast root: embeds as links, no
 * scripts/iframes/forms/event handlers/styles, URLs absolute against
 * `postUrl` (an absolute URL). `body` is not changed.
 */
export function feedTree(children: ElementContent[] | Root['children'], postUrl: string): Root {
  return { type: 'root', children: clean(children as ElementContent[], postUrl) };
}

/** {@link feedTree} serialized as an HTML string, for `<content:encoded>` and Atom `<content>`. */
export function feedHtml(children: ElementContent[] | Root['children'], postUrl: string): string {
  return toHtml(feedTree(children, postUrl));
}
