/**
 * Heading ids, as `rehype-slug` gives them (GitHub's slugs, unique per
 * page, an existing `id` kept), walked with onair's allocation-free `visit`.
 */
import GithubSlugger from 'github-slugger';
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { visit } from '../util/visit.js';

/** A rehype plugin that gives every heading without one an `id` from its text. */
export default function rehypeSlug() {
  const slugs = new GithubSlugger();
  return function (tree: Root): undefined {
    slugs.reset();
    visit(tree, 'element', (node) => {
      if (headingRank(node) && !node.properties.id) node.properties.id = slugs.slug(toString(node));
    });
  };
}
