/**
 * A site's own shortcodes: `templates/shortcodes/NAME.tsx` (a function of
 * {@link ShortcodeProps} returning hast, compiled like templates) or, for a
 * quick move from Hugo, `templates/shortcodes/NAME.html` with Hugo's common
 * placeholders. A TSX shortcode that takes inner content says so with
 * `NAME.paired = true` on its default export.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ElementContent, Root } from 'hast';
import { VFile } from 'vfile';
import { compileTemplate } from '../render/templates.js';
import type { PostMatter } from '../types.js';
import { htmlTemplateShortcode } from './builtins/html-template.js';
import type { Shortcode, ShortcodeContext, ShortcodeHandler } from './types.js';

/** What a TSX shortcode is called with. */
export interface ShortcodeProps {
  /** Hugo's `.Get`: a named argument, else the positional one. */
  get(name: string, position?: number): string | undefined;
  positional: readonly string[];
  named: Readonly<Record<string, string>>;
  /** Inner content: raw text for `{{< >}}`, Markdown as hast for `{{% %}}`. */
  inner: string | ElementContent[] | undefined;
  /** The page's front matter. */
  page: PostMatter | undefined;
  /** Site params. */
  site: Readonly<Record<string, unknown>>;
  node: Shortcode;
  ctx: ShortcodeContext;
}

/** Handlers by name, and a file for each shortcode that has messages. */
export interface UserShortcodes {
  handlers: Record<string, ShortcodeHandler>;
  files: VFile[];
}

const namePattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Loads every shortcode in `dir` (`templates/shortcodes`); none when the folder does not exist. */
export async function loadUserShortcodes(dir: string, root: string): Promise<UserShortcodes> {
  const handlers: Record<string, ShortcodeHandler> = Object.create(null);
  const files: VFile[] = [];
  const names = (await fs.readdir(dir).catch(() => [] as string[])).sort();
  for (const entry of names) {
    const ext = path.extname(entry);
    const name = path.basename(entry, ext);
    if (ext !== '.tsx' && ext !== '.html') continue;
    const absolute = path.join(dir, entry);
    const file = new VFile({ path: path.relative(root, absolute).split(path.sep).join('/'), cwd: root });
    if (!namePattern.test(name)) {
      file.message(`Unexpected shortcode file name \`${entry}\`, expected letters, digits, \`_\`, \`-\` or \`.\`: it is not loaded; rename it`, { ruleId: 'invalid-shortcode-name', source: 'onair' });
      files.push(file);
      continue;
    }
    if (ext === '.html' && names.includes(`${name}.tsx`)) {
      file.message(`Unexpected \`${entry}\` beside \`${name}.tsx\`, expected one file per shortcode: the \`.tsx\` one is used; remove the other`, { ruleId: 'duplicate-shortcode', source: 'onair' });
      files.push(file);
      continue;
    }
    if (ext === '.html') {
      handlers[name] = htmlTemplateShortcode(name, await fs.readFile(absolute, 'utf8'));
      continue;
    }
    const component = await compileTemplate(absolute, file);
    if (file.messages.length > 0) files.push(file);
    if (component) handlers[name] = tsxShortcode(name, component as (props: ShortcodeProps) => unknown);
  }
  return { handlers, files };
}

/** Wraps a compiled TSX shortcode as a handler; a throw is a fatal message on the post. */
function tsxShortcode(name: string, component: ((props: ShortcodeProps) => unknown) & { paired?: boolean }): ShortcodeHandler {
  const handler: ShortcodeHandler = (node, ctx) => {
    const props: ShortcodeProps = {
      get: ctx.get,
      positional: node.positional,
      named: node.named,
      inner: node.delimiter === '%' && node.paired ? ctx.innerHast() : node.inner,
      page: ctx.file.data.matter,
      site: ctx.options.params ?? {},
      node,
      ctx,
    };
    let result: unknown;
    try {
      result = component(props);
    } catch (error) {
      ctx.report(`Cannot render shortcode \`${name}\`: ${(error as Error).message}; fix \`templates/shortcodes/${name}.tsx\``, 'shortcode-error', { fatal: true });
      return undefined;
    }
    if (result === null || result === undefined) return undefined;
    const root = result as Root | ElementContent | ElementContent[];
    if (Array.isArray(root)) return root;
    return root.type === 'root' ? (root.children as ElementContent[]) : root;
  };
  handler.paired = component.paired === true;
  return handler;
}
