/**
 * GFM as remark-gfm adds it, but each document is tokenized only with the
 * GFM constructs it can contain. A table is tried at the start of every
 * line and an email autolink at every letter, which made GFM cost more than
 * the rest of parsing; a document without `|`, `:-` or `-:` holds no table,
 * without `~` no strikethrough, without `@` no email autolink, so leaving
 * those constructs out gives the same tree, positions included.
 */
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import type { Construct, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';
import { EXIT, visit } from './util/visit.js';

type Transform = NonNullable<Extract<ReturnType<typeof gfmFromMarkdown>[number], { transforms?: unknown }>['transforms']>[number];

const autolink = gfmAutolinkLiteral();

/** The autolink literal extension without email addresses (`www.` and `http(s)://` only). */
const autolinkWithoutEmail: Extension = {
  text: Object.fromEntries(
    Object.entries(autolink.text ?? {})
      .map(([code, value]) => [code, ([] as Construct[]).concat(value ?? []).filter((construct) => construct.name !== 'emailAutolink')] as const)
      .filter(([, constructs]) => constructs.length > 0),
  ),
};

/** `gfm()` of micromark-extension-gfm (same constructs, same order), minus what `doc` cannot contain; one per combination. */
const variants = new Map<string, Extension>();
function gfmFor(doc: string): Extension {
  const table = doc.includes('|') || doc.includes(':-') || doc.includes('-:');
  const strikethrough = doc.includes('~');
  const email = doc.includes('@');
  const key = `${table}${strikethrough}${email}`;
  let extension = variants.get(key);
  if (!extension) {
    extension = combineExtensions([email ? autolink : autolinkWithoutEmail, gfmFootnote(), ...(strikethrough ? [gfmStrikethrough()] : []), ...(table ? [gfmTable()] : []), gfmTaskListItem()]);
    variants.set(key, extension);
  }
  return extension;
}

/**
 * The autolink literal transform looks for `http(s)://`, `www.` and `@` in
 * every text node with several expressions, one text node at a time: text
 * without any of them (URLs in link destinations are not text) is left as is.
 */
function onlyWithLiterals(transform: Transform): Transform {
  return (tree) => {
    let found = false;
    visit(tree, 'text', (node) => {
      if (/https?:\/\/|www\.|@/i.test(node.value)) found = true;
      return found ? EXIT : undefined;
    });
    return found ? transform(tree) : undefined;
  };
}

/**
 * Adds GFM (autolink literals, footnotes, strikethrough, tables, task lists),
 * like `remark-gfm` with default options, in its place in the chain (after
 * `remark-parse`).
 */
export default function remarkGfmByNeed(this: Processor): undefined {
  const data = this.data();
  // One extension object, where remark-gfm puts its `gfm()`, filled per document before the parser reads it.
  const current: Extension = { ...gfmFor('|~@') };
  (data.micromarkExtensions ??= []).push(current);
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown().map((extension) => ({ ...extension, transforms: extension.transforms?.map(onlyWithLiterals) })));
  (data.toMarkdownExtensions ??= []).push(gfmToMarkdown());
  const parse = this.parser;
  if (!parse) return;
  this.parser = (doc, file) => {
    for (const key of Object.keys(current)) delete current[key as keyof Extension];
    Object.assign(current, gfmFor(doc));
    return parse(doc, file);
  };
}
