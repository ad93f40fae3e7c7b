/**
 * Loads the theme: each template is the site's own `templates/NAME.tsx` when
 * it has one, else onair's default. TSX is compiled on the fly with esbuild
 * (hastscript's JSX runtime bundled in), so a site needs no build step and no
 * dependencies of its own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import type { VFile } from 'vfile';
import type { Template } from './types.js';
import { packageRoot } from '../util/package.js';

export { packageRoot };

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
  /** Compiled ES module code of each template (workers import it instead of compiling again). */
  code: Record<TemplateName, string>;
}

const EXTENSIONS = ['.tsx', '.jsx', '.ts', '.js'];

function find(dir: string, name: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const file = path.join(dir, name + ext);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Bundles one template file (and what it imports) into ES module code (and, asked for, its source map: the code is the same). */
async function bundle(file: string): Promise<string>;
async function bundle(file: string, withMap: true): Promise<{ code: string; map: string }>;
async function bundle(file: string, withMap = false): Promise<string | { code: string; map: string }> {
  const result = await esbuild({
    ...(withMap ? { sourcemap: 'external' as const, sourcesContent: false, outfile: path.join(path.dirname(file), 'out.js') } : {}),
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
  if (!withMap) return result.outputFiles[0].text;
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  return { code, map: result.outputFiles.find((f) => f.path.endsWith('.map'))!.text };
}

/** A template threw while rendering a page: a bug in a site's template (or a default one), reported as a message, not a crash. */
export class TemplateError extends Error {
  readonly template: TemplateName;
  /** Absolute source file of the template. */
  readonly file: string;
  constructor(template: TemplateName, file: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'TemplateError';
    this.template = template;
    this.file = file;
  }
}

/** Calls a theme's template; what it throws becomes a {@link TemplateError}. */
export function callTemplate<Props>(theme: Theme, name: TemplateName, props: Props): ReturnType<Template<Props>> {
  try {
    return theme.templates[name](props);
  } catch (error) {
    throw new TemplateError(name, theme.sources[name], error);
  }
}

/**
 * What to tell about a template error: the template (relative to `root`),
 * where in it, the error, and the fix. With `onFile`, the place is left to
 * the message's own (a message on the template's file).
 */
export async function templateErrorReason(error: TemplateError, root: string, onFile = false): Promise<{ reason: string; place?: { file: string; line: number; column: number } }> {
  const place = await templateErrorPlace(error);
  const name = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const at = place && !(onFile && place.file === error.file) ? ` at \`${name(place.file)}:${place.line}:${place.column}\`` : '';
  const reason = `Template \`${name(error.file)}\` failed${at}: ${error.message}; fix the template, or remove it to use the default theme's`;
  return { reason, ...(place ? { place } : {}) };
}

/**
 * Where in its source a template error happened: the first frame of the
 * error's stack in the template's compiled code (not in a bundled package)
 * mapped back through a source map. The template is compiled again for the
 * map, only when one fails. `undefined` when no frame maps.
 */
export async function templateErrorPlace(error: TemplateError): Promise<{ file: string; line: number; column: number } | undefined> {
  const stack = error.cause instanceof Error ? (error.cause.stack ?? '') : '';
  const frames = [...stack.matchAll(/data:text\/javascript;base64,[A-Za-z0-9+/=]*:(\d+):(\d+)/g)].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
  if (frames.length === 0) return undefined;
  let map: SourceMap;
  try {
    const bundled = await bundle(error.file, true);
    map = new SourceMap(JSON.parse(bundled.map));
  } catch {
    return undefined;
  }
  const places = frames.flatMap(({ line, column }) => {
    const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return [];
    const file = path.resolve(path.dirname(error.file), entry.originalSource);
    return [{ file, line: entry.originalLine + 1, column: entry.originalColumn + 1 }];
  });
  return places.find((place) => !place.file.split(path.sep).includes('node_modules')) ?? places[0];
}

async function importTemplate(code: string): Promise<Template<any>> {
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
  if (typeof module.default !== 'function') throw new Error('it has no default export function');
  return module.default as Template<any>;
}

/**
 * Compiles one template file (and what it imports) to an ES module and
 * imports it. Syntax errors become a fatal message on `report` when given.
 */
export async function compileTemplate(file: string, report?: VFile): Promise<Template<any> | undefined> {
  return (await compileTemplateCode(file, report))?.template;
}

async function compileTemplateCode(file: string, report?: VFile): Promise<{ template: Template<any>; code: string } | undefined> {
  try {
    const code = await bundle(file);
    return { template: await importTemplate(code), code };
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
 * on a VFile per template file (returned in `files`). With `compiled` (the
 * `code` of a theme loaded from the same files, say by the build's thread
 * for its render workers), the code is imported as is when the template
 * files still hash the same: no esbuild run.
 */
export async function loadTheme(siteTemplatesDir: string, root: string, compiled?: CompiledTheme): Promise<{ theme?: Theme; files: VFile[] }> {
  const { VFile } = await import('vfile');
  const files: VFile[] = [];
  const templates = {} as Record<TemplateName, Template<any>>;
  const sources = {} as Record<TemplateName, string>;
  const code = {} as Record<TemplateName, string>;
  const hasher = createHash('sha256');
  for (const name of templateNames) {
    const file = find(siteTemplatesDir, name) ?? find(defaultTemplatesDir, name);
    if (!file) throw new Error(`The default theme has no \`${name}\` template`);
    sources[name] = file;
    hasher.update(name).update(fs.readFileSync(file));
  }
  const hash = hasher.digest('hex');
  let ok = true;
  for (const name of templateNames) {
    if (compiled?.hash === hash) {
      templates[name] = await importTemplate(compiled.code[name]);
      code[name] = compiled.code[name];
      continue;
    }
    const vfile = new VFile({ path: path.relative(root, sources[name]).split(path.sep).join('/'), cwd: root });
    const result = await compileTemplateCode(sources[name], vfile);
    if (vfile.messages.length > 0) files.push(vfile);
    if (!result) {
      ok = false;
      continue;
    }
    templates[name] = result.template;
    code[name] = result.code;
  }
  if (ok) loaded.set(siteTemplatesDir, { hash, code });
  return { theme: ok ? { templates, sources, hash, code } : undefined, files };
}

const loaded = new Map<string, CompiledTheme>();

/** The code of the theme this thread last loaded from `siteTemplatesDir`, for render workers to start without esbuild. */
export function compiledTheme(siteTemplatesDir: string): CompiledTheme | undefined {
  return loaded.get(siteTemplatesDir);
}

/** What a worker needs to load a theme without compiling it (plain data). */
export type CompiledTheme = Pick<Theme, 'hash' | 'code'>;
