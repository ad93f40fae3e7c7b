/**
 * `gist` and `instagram`: Hugo's built-ins that load a third party's script
 * or fetch the post at build time. onair makes no request during a build and
 * puts no third-party script on a page, so each is a link card, as `x` is
 * (`{{< gist user id [file] >}}`, `{{< instagram id [hidecaption] >}}`).
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { shortcodeLabels } from '../labels.js';
import type { ShortcodeHandler } from '../types.js';

const gistUser = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const gistId = /^[0-9a-f]{1,40}$/i;
const instagramId = /^[A-Za-z0-9_-]{5,40}$/;

function card(kind: string, url: string, text: string, view: string): Element {
  return h('figure', { className: ['onair-link-card', `onair-${kind}`] }, [
    h('blockquote', { cite: url }, [h('p', [text])]),
    h('figcaption', [h('a', { href: url, rel: ['noopener'] }, view)]),
  ]);
}

/** `{{< gist spf13 7896402 >}}`, a file of it as a third argument. */
export const gist: ShortcodeHandler = (node, ctx) => {
  const user = ctx.get('user', 0)?.trim() ?? '';
  const id = ctx.get('id', 1)?.trim() ?? '';
  if (!gistUser.test(user) || !gistId.test(id)) {
    ctx.report(`Unexpected gist \`${user}/${id}\` in \`${node.name}\`, expected a GitHub user and the gist id from its URL: \`{{< gist user 7896402 >}}\``, 'invalid-post-id', { fatal: true });
    return undefined;
  }
  const file = ctx.get('file', 2)?.trim();
  // GitHub's anchor for a file of a gist: `file-` and the name, lower case, other characters as `-`.
  const anchor = file ? `#file-${file.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}` : '';
  const labels = shortcodeLabels(ctx.options.language);
  return card('gist', `https://gist.github.com/${user}/${id}${anchor}`, labels.gistPost(user, file || undefined), labels.gistView);
};
gist.params = ['user', 'id', 'file'];

/** `{{< instagram BWNjjyYFxVx >}}` (`hidecaption` has nothing to hide on a card). */
export const instagram: ShortcodeHandler = (node, ctx) => {
  const id = ctx.get('id', 0)?.trim() ?? '';
  if (!instagramId.test(id)) {
    ctx.report(`Unexpected post id \`${id}\` in \`${node.name}\`, expected the id from the post URL (\`https://www.instagram.com/p/ID/\`): \`{{< instagram BWNjjyYFxVx >}}\``, 'invalid-post-id', { fatal: true });
    return undefined;
  }
  const labels = shortcodeLabels(ctx.options.language);
  return card('instagram', `https://www.instagram.com/p/${id}/`, labels.instagramPost, labels.instagramView);
};
instagram.params = ['id', 'hidecaption'];
