/**
 * Loads the theme: each template is the site's own `templates/NAME.tsx` when
 * it has one, else onair's default. TSX is compiled on the fly with esbuild
 * (hastscript's JSX runtime bundled in), so a site needs no build step and no
 * dependencies of its own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { VFile } from 'vfile';
import type { Template } from './types.js';

/** onair's own folder (the package root). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The default theme's folder. */
export const defaultTemplatesDir = path.join(packageRoot, 'templates');

/** Names of the page templates a theme provides. */
export const templateNames = ['layout', 'post', 'list', 'terms', 'archive', '404', 'search'] as const;

/** A template's name. */
export type TemplateName = (typeof templateNames)[number];

/** A loaded theme: one function per template, and where each came from. */
export interface Theme {
  templates: Record<TemplateName, Template<any>>;
  /** Absolute source file of each template. */
  sources: Record<TemplateName, string>;
  /** Hash of every template source (for caches). */
  hash: string;
}

const EXTENSIONS = ['.tsx', '.jsx', '.ts', '.js'];

function find(dir: string, name: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const file = path.join(dir, name + ext);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Compiles one template file (and what it imports) to an ES module and
 * imports it. Syntax errors become a fatal message on `report` when given.
 */
export async function compileTemplate(file: string, report?: VFile): Promise<Template<any> | undefined> {
  try {
    const result = await esbuild({
      entryPoints: [file],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      jsx: 'automatic',
      jsxImportSource: 'hastscript',
      nodePaths: [path.join(packageRoot, 'node_modules')],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
    const module = (await import(url)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new Error('it has no default export function');
    }
    return module.default as Template<any>;
  } catch (error) {
    if (!report) throw error;
    const errors = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } }> }).errors;
    const first = errors?.[0];
    const message = report.message(`Cannot compile template \`${path.basename(file)}\`: ${first?.text ?? (error as Error).message}; fix the template or remove it to use the default`, {
      place: first?.location ? { line: first.location.line, column: first.location.column + 1 } : undefined,
      ruleId: 'template-error',
      source: 'onair',
    });
    message.fatal = true;
    return undefined;
  }
}

/**
 * Loads every template, preferring `siteTemplatesDir`. Problems are reported
 * on a VFile per template file (returned in `files`).
 */
export async function loadTheme(siteTemplatesDir: string, root: string): Promise<{ theme?: Theme; files: VFile[] }> {
  const { VFile } = await import('vfile');
  const files: VFile[] = [];
  const templates = {} as Record<TemplateName, Template<any>>;
  const sources = {} as Record<TemplateName, string>;
  const hash = createHash('sha256');
  let ok = true;
  for (const name of templateNames) {
    const file = find(siteTemplatesDir, name) ?? find(defaultTemplatesDir, name);
    if (!file) throw new Error(`The default theme has no \`${name}\` template`);
    const vfile = new VFile({ path: path.relative(root, file).split(path.sep).join('/'), cwd: root });
    const template = await compileTemplate(file, vfile);
    if (vfile.messages.length > 0) files.push(vfile);
    if (!template) {
      ok = false;
      continue;
    }
    templates[name] = template;
    sources[name] = file;
    hash.update(name).update(fs.readFileSync(file));
  }
  return { theme: ok ? { templates, sources, hash: hash.digest('hex') } : undefined, files };
}
