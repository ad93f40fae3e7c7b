/**
 * `x` and `tweet`: a post on X as a link card. Hugo fetches the post's HTML
 * from X at build time; onair makes no request during a build, so the card
 * names the author and links to the post (`{{< x user="name" id="123" >}}`,
 * the old `{{< tweet 123 >}}`).
 */
import { h } from 'hastscript';
import { shortcodeLabels } from '../labels.js';
import type { ShortcodeHandler } from '../types.js';

const idPattern = /^\d{1,20}$/;
const userPattern = /^[A-Za-z0-9_]{1,15}$/;

const handler: ShortcodeHandler = (node, ctx) => {
  const id = ctx.get('id', node.positional.length > 1 ? 1 : 0)?.trim();
  const user = ctx.get('user', node.positional.length > 1 ? 0 : undefined)?.trim().replace(/^@/, '');
  if (!id || !idPattern.test(id)) {
    ctx.report(`Unexpected post id \`${id ?? ''}\` in \`${node.name}\`, expected the digits at the end of the post's URL: \`{{< ${node.name} user="name" id="1453110110599868418" >}}\``, 'invalid-post-id', { fatal: true });
    return undefined;
  }
  if (user !== undefined && !userPattern.test(user)) {
    ctx.report(`Unexpected user \`${user}\` in \`${node.name}\`, expected an X handle (letters, digits, \`_\`, at most 15)`, 'invalid-post-id', { fatal: true });
    return undefined;
  }
  const url = `https://x.com/${user ?? 'i'}/status/${id}`;
  const labels = shortcodeLabels(ctx.options.language);
  return h('figure', { className: ['onair-x-post'] }, [
    h('blockquote', { cite: url }, [h('p', [labels.xPost(user)])]),
    h('figcaption', [h('a', { href: url, rel: ['noopener'] }, labels.xView)]),
  ]);
};
handler.params = ['user', 'id'];

/** `{{< x user="name" id="123" >}}`. */
export const x: ShortcodeHandler = handler;
/** `{{< tweet user="name" id="123" >}}` (Hugo's older name). */
export const tweet: ShortcodeHandler = handler;
