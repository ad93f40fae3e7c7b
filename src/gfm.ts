/**
 * GFM as remark-gfm adds it, but each document is tokenized only with the
 * GFM constructs it can contain. A table is tried at the start of every
 * line and an email autolink at every letter, which made GFM cost more than
 * the rest of parsing; a document without `|`, `:-` or `-:` holds no table,
 * without `~` no strikethrough, without `@` no email autolink, so leaving
 * those constructs out gives the same tree, positions included.
 *
 * URL literals (`www.`, `http(s)://`) are tried at every `h` and `w` of the
 * text: ~40% of parsing a prose post. Without the construct a literal's
 * characters stay in a text node, so a document is parsed without them
 * first when its URLs all look like link destinations (after `(`, `<`, a
 * quote, `=` or `]:`) or sit in fenced code, and again with them only when a text node holds
 * `http(s)://`, `www.` or `@` after all (the autolink transform's own test).
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

/** `gfm()` of micromark-extension-gfm (same constructs, same order), minus what `doc` cannot contain and, unless `literals`, the autolink literals; one per combination. */
const variants = new Map<string, Extension>();
function gfmFor(doc: string, literals: boolean): Extension {
  const table = doc.includes('|') || doc.includes(':-') || doc.includes('-:');
  const strikethrough = doc.includes('~');
  const email = doc.includes('@');
  const key = `${table}${strikethrough}${email}${literals}`;
  let extension = variants.get(key);
  if (!extension) {
    const autolinks = literals ? [email ? autolink : autolinkWithoutEmail] : [];
    extension = combineExtensions([...autolinks, gfmFootnote(), ...(strikethrough ? [gfmStrikethrough()] : []), ...(table ? [gfmTable()] : []), gfmTaskListItem()]);
    variants.set(key, extension);
  }
  return extension;
}

/** What the autolink literal transform looks for in text nodes. */
const literalText = /https?:\/\/|www\.|@/i;

/** A URL not written as a link destination, an autolink or an attribute: probably a literal. */
const bareUrl = /(?<!(?:[(<"'=]|\]:)[ \t]*)(?:https?:\/\/|www\.)/i;

/**
 * How to parse `doc`: without URL literals (none possible), with them
 * (likely in the body), or without them first. Only `none` must be exact:
 * a probe is always safe, just a second parse when it finds literals.
 */
function literalsIn(doc: string): 'none' | 'likely' | 'unlikely' {
  if (!literalText.test(doc)) return 'none';
  const body = afterFrontMatter(doc).replace(fencedCode, '');
  return body.includes('@') || bareUrl.test(body) ? 'likely' : 'unlikely';
}

/** Fenced code, roughly (`curl http://…` in code is no literal either). */
const fencedCode = /^ {0,3}(`{3,}|~{3,})[^]*?^ {0,3}\1/gm;

/** `doc` after a leading `---` or `+++` block (front matter is never text). */
function afterFrontMatter(doc: string): string {
  const fence = doc.slice(0, 3);
  if (fence !== '---' && fence !== '+++') return doc;
  const end = doc.indexOf('\n' + fence, 3);
  return end === -1 ? doc : doc.slice(end + 4);
}

/** True when a text node of `tree` holds `http(s)://`, `www.` or `@`. */
function hasLiteralText(tree: Parameters<Transform>[0]): boolean {
  let found = false;
  visit(tree, 'text', (node) => {
    if (literalText.test(node.value)) found = true;
    return found ? EXIT : undefined;
  });
  return found;
}

/**
 * Adds GFM (autolink literals, footnotes, strikethrough, tables, task lists),
 * like `remark-gfm` with default options, in its place in the chain (after
 * `remark-parse`).
 */
export default function remarkGfmByNeed(this: Processor): undefined {
  const data = this.data();
  // One extension object, where remark-gfm puts its `gfm()`, filled per document before the parser reads it.
  const current: Extension = { ...gfmFor('|~@', true) };
  // Set while parsing without URL literals to see whether the text has any.
  let probe: { found: boolean } | undefined;
  // The autolink literal transform looks for literals in every text node with several expressions: only run it on text that has some.
  const onlyWithLiterals =
    (transform: Transform): Transform =>
    (tree) => {
      if (!hasLiteralText(tree)) return undefined;
      if (probe) probe.found = true;
      else return transform(tree);
    };
  (data.micromarkExtensions ??= []).push(current);
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown().map((extension) => ({ ...extension, transforms: extension.transforms?.map(onlyWithLiterals) })));
  (data.toMarkdownExtensions ??= []).push(gfmToMarkdown());
  const parse = this.parser;
  if (!parse) return;
  const use = (extension: Extension) => {
    for (const key of Object.keys(current)) delete current[key as keyof Extension];
    Object.assign(current, extension);
  };
  this.parser = (doc, file) => {
    const literals = literalsIn(doc);
    use(gfmFor(doc, literals === 'likely'));
    if (literals !== 'unlikely') return parse(doc, file);
    const seen = (probe = { found: false });
    let tree;
    try {
      tree = parse(doc, file);
    } finally {
      probe = undefined;
    }
    if (!seen.found) return tree;
    use(gfmFor(doc, true));
    return parse(doc, file);
  };
}
