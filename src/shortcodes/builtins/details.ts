/**
 * `{{< details summary="See the details" open=true >}}Markdown{{< /details >}}`
 * (Hugo 0.140): a `<details>` element with Hugo's parameters (summary, open,
 * class, name, title). The summary is inline Markdown and the content is
 * Markdown with either delimiter, as Hugo renders both with `RenderString`.
 */
import { h } from 'hastscript';
import { shortcodeLabels } from '../labels.js';
import type { ShortcodeHandler } from '../types.js';
import { inline, phrasingToHast } from './inline.js';
import { getClasses, getFlag } from './params.js';

/** The `details` shortcode. */
export const details: ShortcodeHandler = (node, ctx) => {
  const given = ctx.get('summary')?.trim();
  const summary = given
    ? phrasingToHast(inline(given, ctx, () => ctx.report(`Unexpected HTML in \`summary\` of \`details\`, expected Markdown; the HTML was left out`, 'invalid-parameter')))
    : [];
  // Hugo renders the content as a block: text alone is a paragraph too.
  const inner = ctx.innerHast({ block: true });
  const body = inner.every((item) => item.type === 'text' && item.value.trim() === '') ? [] : inner;
  const classes = getClasses(ctx);
  return h(
    'details',
    { className: classes.length ? classes : undefined, name: ctx.get('name') || undefined, title: ctx.get('title') || undefined, open: getFlag(ctx, 'open') === true },
    [h('summary', summary.length ? summary : shortcodeLabels(ctx.options.language).details), ...body],
  );
};
details.params = ['summary', 'open', 'class', 'name', 'title'];
details.paired = true;
details.inner = 'markdown';
