/**
 * `remarkShortcodes`: Hugo shortcodes (`{{< name args >}}`, `{{% name %}}`)
 * as a unified plugin. Adds the syntax to remark-parse, the printer to
 * remark-stringify, and expands each shortcode into hast through
 * `data.hName`/`hProperties`/`hChildren`, so it works in any
 * `remark-parse → remark-rehype` pipeline without `allowDangerousHtml`.
 */
import type { Root } from 'mdast';
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { builtins } from './builtins/index.js';
import { linkRefs, ref } from './builtins/ref.js';
import { expandShortcodes } from './expand.js';
import { shortcodeFromMarkdown } from './from-markdown.js';
import { validateOptions } from './options.js';
import { visit } from '../util/visit.js';
import { shortcodeSyntax } from './syntax.js';
import { shortcodeToMarkdown } from './to-markdown.js';
import type { ShortcodeHandler, ShortcodeOptions } from './types.js';

export { expandShortcodes, type ExpandSettings } from './expand.js';
export { shortcodeFromMarkdown } from './from-markdown.js';
export { shortcodeSyntax, type ShortcodeSyntaxOptions } from './syntax.js';
export { printTag, shortcodeToMarkdown } from './to-markdown.js';
export type * from './types.js';

declare module 'unified' {
  interface Data {
    /** Read by remark-stringify (declared here so it need not be installed). */
    toMarkdownExtensions?: ToMarkdownExtension[];
  }
}

/**
 * Parse and expand Hugo shortcodes. Options are checked here (a bad one
 * throws); handlers in `options.shortcodes` add to or replace the built-ins.
 */
export default function remarkShortcodes(this: Processor, options?: ShortcodeOptions) {
  const settings = validateOptions(options);
  const handlers: Record<string, ShortcodeHandler> = Object.assign(Object.create(null), builtins, settings.shortcodes);
  const paired = (name: string) => Object.hasOwn(handlers, name) && handlers[name]!.paired === true;
  const inner = (name: string) => (Object.hasOwn(handlers, name) ? handlers[name]!.inner : undefined);
  const data = this.data();
  (data.micromarkExtensions ??= []).push(shortcodeSyntax({ paired, inner }));
  (data.fromMarkdownExtensions ??= []).push(shortcodeFromMarkdown({ paired, inner }));
  (data.toMarkdownExtensions ??= []).push(shortcodeToMarkdown());
  return (tree: Root, file: VFile): void | Promise<void> => {
    // `[text]({{< ref "x" >}})` is no Markdown link until the ref is resolved.
    if (handlers.ref === ref) linkRefs(tree, file, settings);
    const expand = () => expandShortcodes(tree, file, { handlers, options: settings });
    // Handlers the tree uses that must get ready first (the highlighter, once per thread).
    const waits = new Set<Promise<void>>();
    visit(tree, 'shortcode', (node) => {
      const handler = Object.hasOwn(handlers, node.name) ? handlers[node.name] : undefined;
      const wait = handler?.prepare?.();
      if (wait) waits.add(wait);
    });
    if (waits.size === 0) return expand();
    return Promise.all(waits).then(expand);
  };
}
