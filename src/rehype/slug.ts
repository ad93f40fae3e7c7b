/**
 * Heading ids, as `rehype-slug` gives them (GitHub's slugs, unique per
 * page, an existing `id` kept), walked with onair's allocation-free `visit`.
 * A heading ending in Hugo's attribute block `{#id}` (also `{#id .class}`,
 * goldmark's `parser.attribute.title`, on in Hugo by default) takes that id
 * and class, and the block leaves the text (so the TOC shows the title alone).
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { visit } from '../util/visit.js';

/** A rehype plugin that gives every heading without one an `id` from its text. */
export default function rehypeSlug() {
  const slugs = new GithubSlugger();
  return function (tree: Root): undefined {
    slugs.reset();
    visit(tree, 'element', (node) => {
      if (!headingRank(node)) return;
      takeAttributes(node);
      if (!node.properties.id) node.properties.id = slugs.slug(toString(node));
    });
  };
}

/** `{#id .class}` at the very end of a heading's last text node: only `#id` and `.class` words, one id. */
const attributeBlock = /[ \t]*\{[ \t]*((?:[#.][\w-]+[ \t]*)+)\}$/u;

function takeAttributes(heading: Element): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return;
  const match = attributeBlock.exec(last.value);
  if (!match) return;
  const words = match[1]!.trim().split(/[ \t]+/);
  const ids = words.filter((word) => word.startsWith('#'));
  if (ids.length > 1) return;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') heading.children.pop();
  if (ids.length === 1 && !heading.properties.id) heading.properties.id = ids[0]!.slice(1);
  const classes = words.filter((word) => word.startsWith('.')).map((word) => word.slice(1));
  if (classes.length > 0) heading.properties.className = [...toClassList(heading.properties.className), ...classes];
}

function toClassList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}
