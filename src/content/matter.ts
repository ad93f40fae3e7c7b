/**
 * Front matter: framing (`---` YAML, `+++` TOML, `{` JSON), parsing as data, and
 * validation into `file.data.matter`, with every problem a message at its
 * file line. The build reads all front matter first with `splitFrontMatter`
 * + `parseMatter` (no Markdown parse); `remarkMatter` does the same inside a
 * standalone processor.
 */
import type { Json, Root, Toml, Yaml } from 'mdast';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';
import remarkFrontmatter from 'remark-frontmatter';
import type { PluggableList } from 'unified';
import type { Node, Point } from 'unist';
import type { VFile } from 'vfile';
import type { PostMatter } from '../types.js';
import type { FieldContext } from './fields.js';
import { cleanData, describe, isRecord } from './fields.js';
import { parseJson } from './json.js';
import { jsonEnd } from './json-scan.js';
import remarkJsonFrontMatter from './json-syntax.js';
import { createLocator, createPointer } from './locate.js';
import type { Locator } from './locate.js';
import type { MatterFormat } from './matter-format.js';
import { titleFromPath, validateMatter } from './schema.js';
import { parseToml } from './toml.js';
import { parseYaml } from './yaml.js';

/** Where front matter sits in a file (see {@link splitFrontMatter}). */
export interface FrontMatterSplit {
  /** `undefined` when the file has no front matter. */
  kind: MatterFormat | undefined;
  /** Front-matter text between the fences ('' when none); for JSON, the whole object, braces included (through the end of the file when unclosed). */
  value: string;
  /** 1-based file line where `value` starts (1 for JSON, whose value starts with its `{` line). */
  valueLine: number;
  /** Offset in the text where the Markdown body starts. */
  bodyOffset: number;
  /** 1-based file line where the body starts. */
  bodyLine: number;
  /** The opening fence has no closing fence (for JSON: no `}` matches the first `{`). */
  unclosed?: boolean;
}

/** Options of {@link parseMatter} and {@link remarkMatter}. */
export interface MatterOptions {
  /** Taxonomies, singular → plural. Default `{tag: 'tags', category: 'categories'}`. */
  taxonomies?: Record<string, string>;
}

declare module 'mdast' {
  /** TOML front matter, as remark-frontmatter makes it for `+++` fences. */
  interface Toml extends Literal {
    type: 'toml';
  }
  /** JSON front matter, as {@link frontMatterSyntax} makes it: the object, braces included. */
  interface Json extends Literal {
    type: 'json';
  }
  interface RootContentMap {
    toml: Toml;
    json: Json;
  }
}

/**
 * The front-matter syntax, the same {@link splitFrontMatter} finds:
 * remark-frontmatter for the YAML and TOML fences, onair's construct for a
 * JSON object (which ends at its matching `}`, not at a fence line).
 */
export const frontMatterSyntax: PluggableList = [[remarkFrontmatter, ['yaml', 'toml']], remarkJsonFrontMatter];

/** remark-rehype handlers for {@link frontMatterSyntax}: mdast-util-to-hast drops `yaml` and `toml` nodes itself, but would print a `json` one as text. */
export const frontMatterHandlers = { json: () => undefined } satisfies RemarkRehypeOptions['handlers'];

/** Whether `node` is front matter (YAML, TOML or JSON), which the body's transforms skip. */
export function isFrontMatterNode(node: Node): node is Yaml | Toml | Json {
  return node.type === 'yaml' || node.type === 'toml' || node.type === 'json';
}

const defaultTaxonomies = { tag: 'tags', category: 'categories' };
const parsers = { yaml: parseYaml, toml: parseToml };

/**
 * Finds front matter at the very start of `text`: `---` … `---`/`...` (YAML)
 * or `+++` … `+++` (TOML), each fence alone on its line (trailing spaces
 * allowed), or a JSON object from its `{` to the matching `}` (see
 * `json-scan.ts`), however its lines look. A UTF-8 BOM and CRLF line
 * endings are fine. Offsets and lines refer to `text` as given.
 *
 * As in Hugo, the body starts after the `}` and its line ending: text after
 * the `}` on its line is the body's first line. A file starting with `{{`
 * starts with a shortcode, not JSON (Hugo fails to read it as JSON).
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const none: FrontMatterSplit = { kind: undefined, value: '', valueLine: 1, bodyOffset: 0, bodyLine: 1 };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = jsonEnd(text, start);
  if (end === -1) return { kind: 'json', value: text.slice(start), valueLine: 1, bodyOffset: text.length, bodyLine: countLines(text), unclosed: true };
  if (end !== undefined) {
    // Spaces and one line ending after the `}` belong to the front matter, as in the `json` node.
    const bodyOffset = /[ \t]*(?:\r?\n|\r)?/y;
    bodyOffset.lastIndex = end;
    bodyOffset.exec(text);
    return { kind: 'json', value: text.slice(start, end), valueLine: 1, bodyOffset: bodyOffset.lastIndex, bodyLine: countLines(text.slice(0, bodyOffset.lastIndex)) };
  }
  const opener = /(---|\+\+\+)[ \t]*\r?\n/y;
  opener.lastIndex = start;
  const open = opener.exec(text);
  if (!open) return none;
  const valueStart = start + open[0].length;
  const kind = open[1] === '---' ? 'yaml' : 'toml';
  const close = kind === 'yaml' ? /^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r?$)/gm : /^\+\+\+[ \t]*(?:\r?\n|\r?$)/gm;
  // The value is empty when the closing fence directly follows the opening one.
  close.lastIndex = valueStart;
  const match = close.exec(text);
  if (!match) {
    return { kind, value: text.slice(valueStart), valueLine: 2, bodyOffset: text.length, bodyLine: countLines(text), unclosed: true };
  }
  const value = text.slice(valueStart, match.index);
  const bodyOffset = match.index + match[0].length;
  return { kind, value, valueLine: 2, bodyOffset, bodyLine: countLines(text.slice(0, bodyOffset)) };
}

/** 1-based line of the end of `text`. */
function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

/**
 * Parses and validates the front matter found by `splitFrontMatter`, sets
 * `file.data.matter` and `file.data.rawMatter`, and returns the matter.
 * Problems become messages on `file` (errors are `fatal: true`, never thrown).
 */
export function parseMatter(file: VFile, split: FrontMatterSplit, options: MatterOptions = {}): PostMatter {
  return readMatter(file, split, options).matter;
}

/**
 * {@link parseMatter}, also returning where each front-matter value sits in
 * the file, so later checks (URLs, aliases) report at the value's own line
 * (file line 1 when the front matter has no such value).
 */
export function readMatter(file: VFile, split: FrontMatterSplit, options: MatterOptions = {}): { matter: PostMatter; locate: Locator } {
  let locate: Locator = () => ({ line: 1, column: 1 });
  const matter = parseInto(file, split, options, (found) => (locate = found));
  return { matter, locate };
}

function parseInto(file: VFile, split: FrontMatterSplit, options: MatterOptions, found: (locate: Locator) => void): PostMatter {
  const fallbackTitle = titleFromPath(file.path);
  const start: Point = { line: 1, column: 1 };
  const schemaOptions = { taxonomies: options.taxonomies ?? defaultTaxonomies, fallbackTitle };
  const report = (reason: string, ruleId: string, place: Point, fatal: boolean) => {
    const message = file.message(reason, { place, ruleId, source: 'onair' });
    message.fatal = fatal;
  };
  const finish = (data: Record<string, unknown>, ctx: FieldContext) => {
    const matter = validateMatter(data, ctx, schemaOptions);
    file.data.matter = matter;
    file.data.rawMatter = cleanData({ ...ctx, report() {} }, [], data) as Record<string, unknown>;
    return matter;
  };
  // Reads no data (`{}`): it reports nothing, so its `format` is never shown.
  const quiet: FieldContext = { format: split.kind ?? 'yaml', report() {} };

  if (split.kind === undefined) {
    if (textOf(file).trim() === '') {
      report('Unexpected empty file, expected front matter and content; no page is made for it', 'empty-file', start, false);
    }
    return finishMissingTitle(finish({}, quiet));
  }
  if (split.unclosed && split.kind !== 'json') {
    const fence = split.kind === 'yaml' ? '---' : '+++';
    report(`Unexpected unclosed front matter, expected a closing \`${fence}\` line after the front matter`, 'unclosed-front-matter', start, true);
    return finish({}, quiet);
  }

  const pointer = createPointer(split.value, split.valueLine);
  const parsed = split.kind === 'json' ? parseJson(split.value, split.unclosed) : parsers[split.kind](split.value);
  if (!parsed.ok) {
    report(parsed.reason, parsed.ruleId, pointer(parsed.offset), true);
    return finish({}, quiet);
  }
  const locate = createLocator(parsed.tree, pointer, { line: split.valueLine, column: 1 });
  found(locate);
  const ctx: FieldContext = {
    format: split.kind,
    report(reason, ruleId, path, opts = {}) {
      report(reason, ruleId, locate(path, opts.at), opts.fatal ?? false);
    },
  };
  if (parsed.data !== null && parsed.data !== undefined && !isRecord(parsed.data)) {
    report(`Unexpected ${describe(parsed.data)} as front matter, expected \`key: value\` lines`, 'invalid-field-type', pointer(0), true);
    return finish({}, quiet);
  }
  const data = isRecord(parsed.data) ? parsed.data : {};
  const matter = finish(data, ctx);
  // A title of the wrong type was reported already; a blank one is missing.
  const titleKey = Object.keys(data).find((key) => key.toLowerCase() === 'title');
  const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  return titleKey !== undefined && !blank(data[titleKey]) ? matter : finishMissingTitle(matter);

  function finishMissingTitle(matter: PostMatter): PostMatter {
    const text = textOf(file);
    if (matter.titleFromFileName && text.trim() !== '') {
      report(`Missing \`title\` in front matter, expected a title; using \`${matter.title}\` from the file name`, 'missing-title', start, false);
    }
    return matter;
  }
}

/** The file's text, whether its value is a string or bytes. */
function textOf(file: VFile): string {
  const value = file.value;
  if (typeof value === 'string') return value;
  return value ? new TextDecoder().decode(value) : '';
}

/**
 * Unified plugin: validates the front matter of the file being processed
 * (the `yaml`/`toml`/`json` node of {@link frontMatterSyntax}) into
 * `file.data.matter`.
 * Does nothing when the build's first pass already set it.
 */
export function remarkMatter(options: MatterOptions = {}) {
  return function (tree: Root, file: VFile): undefined {
    if (file.data.matter) return;
    const head = tree.children[0];
    let split: FrontMatterSplit;
    const text = textOf(file);
    if (text !== '') split = splitFrontMatter(text);
    else if (head && isFrontMatterNode(head) && head.position) {
      const end = head.position.end;
      const bodyOffset = end.offset ?? 0;
      const bodyLine = end.line + 1;
      const start = head.position.start.line;
      // A JSON value starts with its `{`; YAML and TOML values on the line after their fence.
      split = { kind: head.type, value: head.value, valueLine: head.type === 'json' ? start : start + 1, bodyOffset, bodyLine };
    } else split = splitFrontMatter('');
    parseMatter(file, split, options);
  };
}
