/**
 * `{{< qr text="https://gohugo.io" />}}` (Hugo 0.141): the text, or the
 * content between `{{< qr >}}` and `{{< /qr >}}`, as a QR code `<img>` with
 * Hugo's parameters (text, level, scale, alt, class, id, loading, title).
 * The code is made during the build (the `qr` package, no network) and
 * inlined as a PNG `data:` URL, which the URL rules allow for images: no
 * file is written, so `targetDir` changes nothing.
 */
import { h } from 'hastscript';
import encodeQR, { type ErrorCorrection } from 'qr';
import type { ShortcodeHandler } from '../types.js';
import { getClasses, getCount, getLoading } from './params.js';
import { modulesPng } from './png.js';

const levels: readonly ErrorCorrection[] = ['low', 'medium', 'quartile', 'high'];

/** The `qr` shortcode. */
export const qr: ShortcodeHandler = (node, ctx) => {
  const text = ctx.get('text') || node.inner?.trim();
  if (!text) {
    ctx.report('Missing `text` in `qr`, expected `{{< qr text="https://example.com" />}}` or the text between `{{< qr >}}` and `{{< /qr >}}`', 'missing-parameter');
    return undefined;
  }
  const given = ctx.get('level')?.trim().toLowerCase();
  const level = levels.find((name) => name === given) ?? 'medium';
  if (given !== undefined && level !== given) {
    ctx.report(`Unexpected \`level\` value \`${given}\` in \`qr\`, expected \`low\`, \`medium\`, \`quartile\` or \`high\`; \`medium\` is used`, 'invalid-parameter');
  }
  let scale = getCount(ctx, 'scale') ?? 4;
  if (scale < 2) {
    ctx.report(`Unexpected \`scale\` value \`${scale}\` in \`qr\`, expected 2 or more pixels a module; 4 is used`, 'invalid-parameter');
    scale = 4;
  }
  let modules: boolean[][];
  try {
    // A quiet zone of 4 modules all round, as Hugo's codes have.
    modules = encodeQR(text, 'raw', { ecc: level, border: 4 });
  } catch (cause) {
    if (!(cause instanceof Error && /capacity/i.test(cause.message))) throw cause;
    const bytes = new TextEncoder().encode(text).length;
    ctx.report(`Unexpected \`text\` of ${bytes} bytes in \`qr\`, expected at most 2,953 (level \`low\`; fewer at higher levels); no code was made`, 'invalid-parameter');
    return undefined;
  }
  const size = modules.length * scale;
  const classes = getClasses(ctx);
  return h('img', {
    src: `data:image/png;base64,${modulesPng(modules, scale).toString('base64')}`,
    width: size,
    height: size,
    alt: ctx.get('alt') ?? text,
    className: classes.length ? classes : undefined,
    id: ctx.get('id') || undefined,
    // Hugo leaves `loading` out unless it is given.
    loading: ctx.get('loading') === undefined ? undefined : getLoading(ctx),
    title: ctx.get('title') || undefined,
  });
};
qr.params = ['text', 'level', 'scale', 'targetDir', 'alt', 'class', 'id', 'loading', 'title'];
qr.paired = true;
qr.inner = 'raw';
