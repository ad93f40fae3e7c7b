/**
 * `{{< figure src="…" >}}` with Hugo's parameters (src, alt, caption, title,
 * link, target, rel, width, height, loading, class, attr, attrlink). Caption
 * and attribution are inline Markdown, as in Hugo; every URL is sanitized.
 */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ShortcodeContext, ShortcodeHandler } from '../types.js';
import { inline, phrasingToHast } from './inline.js';
import { getClasses, getCount, getLoading, getUrl } from './params.js';

/** The `figure` shortcode. */
export const figure: ShortcodeHandler = (node, ctx) => {
  const src = getUrl(ctx, 'src', 'image');
  if (!src) {
    if (ctx.get('src') === undefined) {
      ctx.report('Missing `src` in `figure`, expected `{{< figure src="image.jpg" alt="…" >}}`', 'missing-parameter');
    }
    return undefined;
  }
  const caption = ctx.get('caption');
  const captionPhrasing = caption ? inline(caption, ctx) : [];
  const alt = ctx.get('alt') ?? toString({ type: 'paragraph', children: captionPhrasing });
  let image: Element = h('img', {
    src,
    alt,
    width: getCount(ctx, 'width'),
    height: getCount(ctx, 'height'),
    loading: getLoading(ctx),
    decoding: 'async',
  });
  const link = getUrl(ctx, 'link');
  if (link) image = h('a', { href: link, target: ctx.get('target'), rel: ctx.get('rel') }, [image]);
  const classes = getClasses(ctx);
  return h('figure', { className: classes.length ? classes : undefined }, [image, ...figcaption(ctx, captionPhrasing)]);
};
figure.params = ['src', 'alt', 'caption', 'title', 'link', 'target', 'rel', 'width', 'height', 'loading', 'class', 'attr', 'attrlink'];

/** The `<figcaption>`: title, caption and attribution, when any is given. */
function figcaption(ctx: ShortcodeContext, caption: PhrasingContent[]): Element[] {
  const title = ctx.get('title');
  const attr = ctx.get('attr');
  const attrlink = getUrl(ctx, 'attrlink');
  if (!title && !caption.length && !attr) return [];
  const children: ElementContent[] = [];
  // A paragraph, not Hugo's `<h4>`: a heading here would break the page's heading order.
  if (title) children.push(h('p', { className: ['figure-title'] }, title));
  if (caption.length || attr) {
    const credit = attr ? phrasingToHast(inline(attr, ctx)) : [];
    children.push(
      h('p', [
        ...phrasingToHast(caption),
        ...(caption.length && attr ? [{ type: 'text' as const, value: ' ' }] : []),
        ...(attrlink ? [h('a', { href: attrlink }, credit)] : credit),
      ]),
    );
  }
  return [h('figcaption', children)];
}
