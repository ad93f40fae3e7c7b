/**
 * `ref` and `relref`: the URL of another content file, found by its path
 * (`{{< ref "posts/x.md" >}}`, `{{< relref "/posts/bundle#part" >}}`). Both
 * give the root-relative URL (base path included), so links also work on
 * the dev server. Hugo sites write them inside Markdown links
 * (`[text]({{< ref "x" >}})`), which Markdown cannot parse as a link because
 * of the spaces: {@link linkRefs} rebuilds those links from the tree.
 */
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import type { Shortcode, ShortcodeContext, ShortcodeHandler, ShortcodeOptions } from '../types.js';

/** Reports a problem at the shortcode. */
type Report = (reason: string, ruleId: string, fatal: boolean) => void;

/** The URL a ref shortcode points at (with its `#fragment`), or `undefined` (reported). */
export function refUrl(node: Shortcode, file: VFile, options: Readonly<ShortcodeOptions>, report: Report): string | undefined {
  const value = (Object.hasOwn(node.named, 'path') ? node.named.path : node.positional[0])?.trim();
  if (!value) {
    report(`Missing path in \`${node.name}\`, expected \`{{< ${node.name} "posts/my-post.md" >}}\``, 'missing-ref-path', true);
    return undefined;
  }
  const hash = value.indexOf('#');
  const target = hash === -1 ? value : value.slice(0, hash);
  const fragment = hash === -1 ? '' : value.slice(hash);
  if (target === '') return fragment;
  if (!options.resolveRef) {
    report(`Cannot resolve \`${node.name}\` \`${value}\` outside a site build, expected the \`resolveRef\` option: the path is printed as is`, 'ref-not-found', false);
    return value;
  }
  const url = options.resolveRef(target, file.path);
  // What the page depends on besides its own text (the build checks it before reusing a cached render).
  (file.data.refs ??= []).push([target, url ?? null]);
  if (url === undefined) {
    report(`Unexpected \`${node.name}\` to \`${target}\`, expected the path of a content file (\`posts/my-post.md\`, \`/posts/bundle\`): no published page has it; fix the path or publish the page`, 'ref-not-found', true);
    return undefined;
  }
  return url + fragment;
}

const handler: ShortcodeHandler = (node: Shortcode, ctx: ShortcodeContext) => {
  const url = refUrl(node, ctx.file, ctx.options, (reason, ruleId, fatal) => ctx.report(reason, ruleId, { fatal }));
  return url === undefined ? undefined : { type: 'text', value: url };
};
handler.params = ['path', 'lang', 'outputFormat'];

/** `{{< ref "path" >}}`: the URL of another page. */
export const ref: ShortcodeHandler = handler;
/** `{{< relref "path" >}}`: the same as `ref` in onair (root-relative URLs). */
export const relref: ShortcodeHandler = handler;

/**
 * Turns `[label]({{< ref "x" >}})` (a text ending in `](`, the shortcode, a
 * text starting with `)`) into a Markdown link to the resolved URL. Runs
 * before expansion; other ref shortcodes are left to the handler.
 */
export function linkRefs(tree: Root, file: VFile, options: Readonly<ShortcodeOptions>): void {
  const visit = (parent: Parent) => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i]!;
      if ('children' in node && node.type !== 'shortcode') visit(node as Parent);
      if (node.type !== 'shortcode' || (node.name !== 'ref' && node.name !== 'relref')) continue;
      const before = parent.children[i - 1];
      const after = parent.children[i + 1];
      if (before?.type !== 'text' || !before.value.endsWith('](') || after?.type !== 'text' || !after.value.startsWith(')')) continue;
      const open = findOpening(parent.children as PhrasingContent[], i - 1);
      if (!open) continue;
      const report: Report = (reason, ruleId, fatal) => {
        const message = file.message(reason, { place: node.position, ruleId, source: 'onair' });
        message.fatal = fatal;
      };
      const url = refUrl(node, file, options, report) ?? '';
      const first = parent.children[open.index] as Text;
      const label: PhrasingContent[] = open.index === i - 1
        ? [{ type: 'text', value: before.value.slice(open.offset + 1, -2) }]
        : [{ type: 'text', value: first.value.slice(open.offset + 1) }, ...(parent.children.slice(open.index + 1, i - 1) as PhrasingContent[]), { type: 'text', value: before.value.slice(0, -2) }];
      const link: Link = { type: 'link', url, children: label.filter((n) => n.type !== 'text' || n.value !== '') };
      const head: Text = { type: 'text', value: first.value.slice(0, open.offset) };
      const tail: Text = { type: 'text', value: after.value.slice(1) };
      const replacement = [head, link, tail].filter((n) => n.type !== 'text' || n.value !== '');
      parent.children.splice(open.index, i + 2 - open.index, ...(replacement as Parent['children']));
      i = open.index + replacement.indexOf(link);
    }
  };
  visit(tree);
}

/** The text node and offset of the `[` that opens the label ending at `children[end]` (which ends in `](`). */
function findOpening(children: PhrasingContent[], end: number): { index: number; offset: number } | undefined {
  let depth = 0;
  for (let index = end; index >= 0; index--) {
    const node = children[index]!;
    if (node.type !== 'text') continue;
    const value = index === end ? node.value.slice(0, -2) : node.value;
    for (let offset = value.length - 1; offset >= 0; offset--) {
      if (value[offset] === ']') depth++;
      else if (value[offset] === '[') {
        if (depth === 0) return { index, offset };
        depth--;
      }
    }
  }
  return undefined;
}
