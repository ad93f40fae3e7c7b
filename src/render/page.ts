/**
 * Renders one page: the page template's hast wrapped in the layout, then
 * serialized once.
 */
import type { ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Menus, SiteConfig } from '../types.js';
import { encodePath } from '../model/terms.js';
import { joinBase } from '../util/url.js';
import { callTemplate, type TemplateName, type Theme } from './templates.js';
import type { PageContext } from './types.js';

/** What a route says about its page; the rest of the context is derived. */
export interface PageInput {
  kind: PageContext['kind'];
  title: string;
  description?: string;
  /** Site-relative URL (`/post/x/`). */
  url: string;
  language?: string;
  head?: ElementContent[];
  styles?: string[];
  scripts?: string[];
  /** The site's menus (see `model/menus.ts`). Default: none. */
  menus?: Menus;
}

/** Builds the `PageContext` templates receive. */
export function createPageContext(site: SiteConfig, input: PageInput): PageContext {
  // Site paths hold raw Unicode and `#`/`?` from term names (`/tags/c#/`): encode them once, here.
  const href = (url: string) => (url.startsWith('/') ? encodePath(joinBase(site.basePath, url)) : url);
  const absolute = (url: string) => (/^[a-z][a-z\d+.-]*:/i.test(url) ? url : new URL(encodePath(url).replace(/^\//, ''), site.baseUrl).href);
  return {
    site,
    title: input.title,
    description: input.description ?? site.description,
    url: input.url,
    canonical: absolute(input.url),
    language: input.language ?? site.language,
    href,
    absolute,
    head: input.head ?? [],
    styles: input.styles ?? [],
    scripts: input.scripts ?? [],
    menus: input.menus ?? {},
    kind: input.kind,
  };
}

function toChildren(value: ReturnType<Theme['templates'][TemplateName]>): ElementContent[] {
  if (Array.isArray(value)) return value;
  if (value.type === 'root') return value.children.filter((node): node is ElementContent => node.type !== 'doctype');
  return [value];
}

/** Renders a page template inside the layout and returns the HTML document; a template that throws throws a `TemplateError`. */
export function renderPage<Props extends { page: PageContext }>(theme: Theme, name: TemplateName, props: Props): string {
  const children = toChildren(callTemplate(theme, name, props));
  const document = callTemplate(theme, 'layout', { page: props.page, children });
  const root: Root = !Array.isArray(document) && document.type === 'root' ? document : { type: 'root', children: toRootChildren(document) };
  if (!root.children.some((node) => node.type === 'doctype')) root.children.unshift({ type: 'doctype' });
  return toHtml(root, { allowDangerousHtml: false });
}

function toRootChildren(value: ReturnType<Theme['templates'][TemplateName]>): RootContent[] {
  return Array.isArray(value) ? value : [value as RootContent];
}
