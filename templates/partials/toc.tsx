/**
 * The table of contents of a post, rendered at build time from its heading ids.
 */
import type { Element } from 'hast';
import type { TocEntry } from '../../src/types.js';

function entries(items: TocEntry[]): Element {
  return (
    <ol>
      {items.map((item) => (
        <li>
          <a href={`#${item.id}`}>{item.text}</a>
          {item.children.length > 0 ? entries(item.children) : null}
        </li>
      ))}
    </ol>
  ) as Element;
}

/** `<nav class="toc">` with nested lists, or nothing when there are no headings. */
export function toc(items: TocEntry[], title: string): Element | null {
  if (items.length === 0) return null;
  return (
    <nav className="toc" aria-labelledby="toc-title" data-pagefind-ignore="">
      <details open>
        <summary id="toc-title">{title}</summary>
        {entries(items)}
      </details>
    </nav>
  ) as Element;
}
