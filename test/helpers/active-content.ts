/**
 * Finds active content (script an author could inject) in a built site:
 * every HTML file is parsed and every feed is parsed as XML, with the HTML
 * inside feed entries parsed again. Used by the security and fuzz tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** One finding: the file, and what is wrong. */
export interface Finding {
  file: string;
  what: string;
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'poster', 'srcSet', 'data', 'xLinkHref', 'background', 'cite', 'longDesc'];
const IMAGE_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|x-icon)[;,]/i;

/** True when a URL would run script or load active content. */
export function isActiveUrl(url: string, image: boolean): boolean {
  // Browsers drop whitespace and controls before reading the scheme.
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (/^(javascript|vbscript|livescript):/.test(cleaned)) return true;
  if (cleaned.startsWith('data:')) return !(image && IMAGE_DATA.test(cleaned));
  return false;
}

/**
 * Active content in one HTML document: `<script>` other than onair's own
 * (`src` under `/assets/`, or JSON-LD whose text parses as JSON and holds no
 * `</script`), `on*` attributes, script-capable elements (`iframe srcdoc`,
 * `object`, `embed`, `base`, meta refresh) and `javascript:`/`vbscript:`/
 * non-image `data:` URLs.
 */
export function scanHtml(html: string, file: string, options: { fragment?: boolean } = {}): Finding[] {
  const tree: Root = fromHtml(html, { fragment: options.fragment === true });
  const found: Finding[] = [];
  const report = (what: string) => found.push({ file, what });
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    if (node.tagName === 'script') {
      const src = props.src === undefined ? undefined : String(props.src);
      if (src !== undefined) {
        if (!/^(\/[^/]|\.\.?\/)/.test(src) || !/\/assets\//.test(src)) report(`<script src="${src}">`);
      } else if (props.type === 'application/ld+json') {
        const text = toString(node);
        if (/<\/script/i.test(text)) report('JSON-LD containing `</script`');
        try {
          JSON.parse(text);
        } catch {
          report(`JSON-LD that is not JSON: ${text.slice(0, 80)}`);
        }
      } else report(`inline <script>: ${toString(node).slice(0, 80)}`);
    }
    if (['iframe', 'object', 'embed', 'base', 'frame', 'applet'].includes(node.tagName)) {
      const src = String(props.src ?? '');
      // onair's own video embeds are https iframes from the platforms.
      const embed = node.tagName === 'iframe' && props.srcDoc === undefined && (src === '' || src.startsWith('https://'));
      if (!embed) report(`<${node.tagName}>`);
    }
    if (node.tagName === 'meta' && String(props.httpEquiv ?? '').toLowerCase() === 'refresh') report('<meta http-equiv=refresh>');
    for (const [name, value] of Object.entries(props)) {
      if (/^on/i.test(name)) report(`attribute ${name} on <${node.tagName}>`);
      if (!URL_ATTRIBUTES.includes(name) || value === undefined || value === null) continue;
      const image = ['img', 'source', 'video', 'picture'].includes(node.tagName) && name !== 'href';
      const urls = name === 'srcSet' ? String(value).split(',').map((s) => s.trim().split(/\s+/)[0]) : [Array.isArray(value) ? value.join(' ') : String(value)];
      for (const url of urls) if (isActiveUrl(url, image)) report(`${name}="${url}" on <${node.tagName}>`);
    }
  });
  return found;
}

/** Active content in one feed (RSS or Atom): it must parse as XML; its HTML is scanned too. */
export function scanFeed(xml: string, file: string): Finding[] {
  const found: Finding[] = [];
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
  for (const error of errors) found.push({ file, what: `XML: ${error}` });
  // RSS `description` and `content:encoded` are HTML; Atom says which with `type`.
  for (const tag of ['description', 'content:encoded', 'title', 'subtitle', 'summary', 'content', 'rights']) {
    const nodes = doc.getElementsByTagName(tag);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const type = node.getAttribute('type');
      const html = tag === 'description' || tag === 'content:encoded' || type === 'html' || type === 'xhtml';
      if (html) found.push(...scanHtml(node.textContent ?? '', `${file} <${tag}>`, { fragment: true }));
    }
  }
  return found;
}

/** Every `.html` and feed file under `dir`, scanned. Returns findings and counts. */
export function scanSite(dir: string): { findings: Finding[]; html: number; feeds: number } {
  const findings: Finding[] = [];
  let html = 0;
  let feeds = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (entry.name.endsWith('.html')) {
      html++;
      findings.push(...scanHtml(fs.readFileSync(full, 'utf8'), rel));
    } else if (entry.name === 'index.xml' || entry.name === 'atom.xml' || entry.name === 'feed.xml') {
      feeds++;
      findings.push(...scanFeed(fs.readFileSync(full, 'utf8'), rel));
    }
  }
  return { findings, html, feeds };
}
