/**
 * Markdown cases with the HTML Hugo 0.111 (Goldmark) renders for them, kept
 * on disk as `[{input, hugo}]`; `UPDATE=1` renders the inputs with
 * `/usr/bin/hugo` again (one site, one page per case). Outputs are compared
 * after {@link normalize}: attributes, comments and white space between tags
 * differ for reasons of their own (heading ids, `tabindex`, omitted raw HTML).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/** One case: Markdown and what Hugo made of it. */
export interface HugoCase {
  input: string;
  hugo: string;
}

/** The cases in `file`, rendered again by Hugo first under `UPDATE=1` (`config`: TOML added to the site's config). */
export function hugoCases(file: string, config = ''): HugoCase[] {
  const cases = JSON.parse(fs.readFileSync(file, 'utf8')) as HugoCase[];
  if (!process.env.UPDATE) return cases;
  const rendered = renderWithHugo(cases.map((c) => c.input), config);
  const updated = cases.map((c, i) => ({ input: c.input, hugo: rendered[i]! }));
  fs.writeFileSync(file, JSON.stringify(updated, null, 1) + '\n');
  return updated;
}

/** Each input rendered by Hugo as a page's `.Content`. */
export function renderWithHugo(inputs: string[], config = ''): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-hugo-'));
  try {
    fs.mkdirSync(path.join(root, 'layouts/_default'), { recursive: true });
    fs.mkdirSync(path.join(root, 'content/c'), { recursive: true });
    fs.writeFileSync(path.join(root, 'config.toml'), `baseURL = "https://example.com/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "home", "section", "404"]\n${config}\n`);
    fs.writeFileSync(path.join(root, 'layouts/_default/single.html'), '{{ .Content }}');
    inputs.forEach((input, i) => fs.writeFileSync(path.join(root, `content/c/n${i}.md`), `---\ntitle: n${i}\n---\n${input}`));
    execFileSync('/usr/bin/hugo', ['--quiet', '-s', root, '-d', path.join(root, 'out')], { stdio: 'inherit' });
    return inputs.map((_, i) => fs.readFileSync(path.join(root, `out/c/n${i}/index.html`), 'utf8'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** `html` without attributes or comments, white space collapsed: what the reader sees, and the elements. */
export function normalize(html: string): string {
  const strip = (node: Nodes): Nodes => {
    if (node.type === 'element') node.properties = {};
    if ('children' in node) node.children = node.children.filter((child) => child.type !== 'comment').map((child) => strip(child) as never);
    return node;
  };
  return toHtml(strip(fromHtml(html, { fragment: true })))
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .replace(/ <\//g, '</')
    .trim();
}
