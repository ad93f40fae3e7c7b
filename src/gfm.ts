/**
 * GFM as remark-gfm adds it, but each document is tokenized only with the
 * GFM constructs it can contain. A table is tried at the start of every
 * line and an email autolink at every letter, which made GFM cost more than
 * the rest of parsing; a document without `|`, `:-`/`-:` holds no table,
 * without `~` no strikethrough, without `@` no email autolink, so leaving
 * those constructs out gives the same tree, positions included.
 */
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Construct, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';

const autolink = gfmAutolinkLiteral();
const table = gfmTable();
const strikethrough = gfmStrikethrough();

/** The autolink literal extension without email addresses (`www.` and `http(s)://` only). */
const autolinkWithoutEmail: Extension = {
  text: Object.fromEntries(
    Object.entries(autolink.text ?? {})
      .map(([code, value]) => [code, ([] as Construct[]).concat(value ?? []).filter((construct) => construct.name !== 'emailAutolink')] as const)
      .filter(([, constructs]) => constructs.length > 0),
  ),
};

/**
 * Adds GFM (autolink literals, footnotes, strikethrough, tables, task lists)
 * and parses with the constructs each document needs. Use right after
 * `remark-parse`, in place of `remark-gfm` (default options).
 */
export default function remarkGfmByNeed(this: Processor): undefined {
  const self = this;
  const data = self.data();
  const micromark = (data.micromarkExtensions ??= []);
  // The order of `micromark-extension-gfm`'s `gfm()`, so constructs take precedence as there.
  micromark.push(autolink, gfmFootnote(), strikethrough, table, gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmToMarkdown());

  self.parser = (doc) => {
    const unused = new Set<Extension>();
    if (!doc.includes('|') && !doc.includes(':-') && !doc.includes('-:')) unused.add(table);
    if (!doc.includes('~')) unused.add(strikethrough);
    const extensions = (self.data('micromarkExtensions') ?? [])
      .filter((extension) => !unused.has(extension))
      .map((extension) => (extension === autolink && !doc.includes('@') ? autolinkWithoutEmail : extension));
    return fromMarkdown(doc, { ...self.data('settings'), extensions, mdastExtensions: self.data('fromMarkdownExtensions') ?? [] });
  };
}
