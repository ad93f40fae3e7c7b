/**
 * The post front-matter schema: turns parsed YAML/TOML data into a typed
 * `PostMatter`. Keys are case-insensitive as in Hugo (`Title`, `URL`,
 * `showToc`); unknown keys go to `params`; every problem is a message at the
 * key's place and the rest of the post is still read.
 */
import type { PostMatter } from '../types.js';
import type { FieldContext } from './fields.js';
import {
  cleanData,
  isRecord,
  label,
  readBoolean,
  readDate,
  readNumber,
  readString,
  readTerms,
  readUrl,
  reservedKeys,
  reportReserved,
} from './fields.js';
import { readMenu } from './menu.js';
import { linkTitle } from '../model/menus.js';
import { readMetadata, readSpeakers, readVideos } from './records.js';

/** Options of {@link validateMatter}. */
export interface SchemaOptions {
  /** Taxonomies, singular → plural; each plural is read as a list of terms. */
  taxonomies: Record<string, string>;
  /** Title to use when the front matter has none (see `titleFromPath`). */
  fallbackTitle: string;
}

// Lower-cased key → field name; Hugo reads front matter keys case-insensitively.
const fieldNames = new Map(
  [
    'title', 'subtitle', 'description', 'author', 'date', 'lastmod', 'publishDate', 'expiryDate', 'draft',
    'published', 'image', 'tags', 'categories', 'metadata', 'showToc', 'slug', 'url', 'aliases', 'summary',
    'excerpt', 'weight', 'keywords', 'videos', 'speakers', 'layout', 'menu',
  ].map((name) => [name.toLowerCase(), name]),
);
fieldNames.set('toc', 'showToc');
// Hugo reads both spellings.
fieldNames.set('menus', 'menu');

/** A field as written: the key's spelling (for messages) and its value. */
interface Entry {
  key: string;
  value: unknown;
}

/** Validates front-matter data (a mapping) into `PostMatter`, reporting through `ctx`. */
export function validateMatter(data: Record<string, unknown>, ctx: FieldContext, options: SchemaOptions): PostMatter {
  const plurals = new Set(Object.values(options.taxonomies).map((plural) => plural.toLowerCase()));
  const fields = new Map<string, Entry>();
  const termFields = new Map<string, Entry>();
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if (reservedKeys.has(key)) {
      reportReserved(ctx, [key]);
      continue;
    }
    const lower = key.toLowerCase();
    const name = fieldNames.get(lower) ?? (plurals.has(lower) ? lower : undefined);
    if (name === undefined) {
      const value = cleanData(ctx, [key], data[key]);
      // Hugo's `params:` mapping (TOML `[params]`) holds the same free keys.
      if (lower === 'params' && isRecord(value)) Object.assign(params, value);
      else params[key] = value;
      continue;
    }
    const target = plurals.has(lower) ? termFields : fields;
    const before = target.get(name);
    if (before) {
      ctx.report(
        `Unexpected second \`${key}\` (also \`${before.key}\`), expected each key once: keys ignore case; the last one is used`,
        'duplicate-key',
        [key],
        { at: 'key' },
      );
    }
    target.set(name, { key, value: data[key] });
  }

  const str = (name: string) => read(fields, name, (path, value) => readString(ctx, path, value));
  const date = (name: string) => read(fields, name, (path, value) => readDate(ctx, path, value));
  const url = (name: string) => read(fields, name, (path, value) => readUrl(ctx, path, value, false));

  const title = str('title');
  const taxonomies: Record<string, string[]> = {};
  for (const plural of new Set(Object.values(options.taxonomies))) {
    const entry = termFields.get(plural.toLowerCase()) ?? fields.get(plural);
    taxonomies[plural] = entry ? readTerms(ctx, [entry.key], entry.value) : [];
  }
  const terms = (name: string) =>
    taxonomies[name] ?? read(fields, name, (path, value) => readTerms(ctx, path, value)) ?? [];

  const matter: PostMatter = {
    title: title ?? options.fallbackTitle,
    titleFromFileName: title === undefined,
    draft: false,
    tags: terms('tags'),
    categories: terms('categories'),
    taxonomies,
    metadata: read(fields, 'metadata', (path, value) => readMetadata(ctx, path, value)) ?? [],
    showToc: read(fields, 'showToc', (path, value) => readShowToc(ctx, path, value)) ?? false,
    aliases: read(fields, 'aliases', (path, value) => readTerms(ctx, path, value, false)) ?? [],
    keywords: read(fields, 'keywords', (path, value) => readTerms(ctx, path, value)) ?? [],
    videos: read(fields, 'videos', (path, value) => readVideos(ctx, path, value)) ?? [],
    speakers: read(fields, 'speakers', (path, value) => readSpeakers(ctx, path, value)) ?? [],
    params,
  };
  const optional: Partial<PostMatter> = {
    subtitle: str('subtitle'),
    description: str('description'),
    author: read(fields, 'author', (path, value) => readAuthor(ctx, path, value)),
    date: date('date'),
    lastmod: date('lastmod'),
    publishDate: date('publishDate'),
    expiryDate: date('expiryDate'),
    image: read(fields, 'image', (path, value) => readUrl(ctx, path, value, true)),
    slug: str('slug'),
    url: url('url'),
    matterSummary: str('summary') ?? str('excerpt'),
    weight: read(fields, 'weight', (path, value) => readNumber(ctx, path, value)),
    layout: str('layout'),
  };
  optional.image ??= fallbackImage(ctx, params);
  // Hugo names a page's menu entries by its `linkTitle` (a free key here, for templates too), else its title.
  const name = linkTitle({ title: matter.title, params });
  const menus = read(fields, 'menu', (path, value) => readMenu(ctx, path, value, { name, weight: optional.weight }));
  if (menus?.length) optional.menus = menus;
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(matter, { [key]: value });
  }
  readDraft(ctx, fields, matter);
  return matter;
}

/**
 * Without `image`: Hugo's own Open Graph, Twitter and schema templates take
 * the first of `images`, PaperMod its `cover.image`. They stay in `params`
 * for templates too.
 */
function fallbackImage(ctx: FieldContext, params: Record<string, unknown>): string | undefined {
  const keyOf = (name: string) => Object.keys(params).find((key) => key.toLowerCase() === name);
  const images = keyOf('images');
  const first = images === undefined ? undefined : params[images];
  if (Array.isArray(first) && typeof first[0] === 'string') return readUrl(ctx, [images!, 0], first[0], true);
  const cover = keyOf('cover');
  const value = cover === undefined ? undefined : params[cover];
  if (!isRecord(value)) return undefined;
  const image = Object.keys(value).find((key) => key.toLowerCase() === 'image');
  return image !== undefined && typeof value[image] === 'string' ? readUrl(ctx, [cover!, image], value[image], true) : undefined;
}

/** Reads a field if present, passing the path of its key as written. */
function read<T>(fields: Map<string, Entry>, name: string, reader: (path: [string], value: unknown) => T): T | undefined {
  const entry = fields.get(name);
  return entry ? reader([entry.key], entry.value) : undefined;
}

/** `draft: true`, or Hexo's `published: false`; a date in `published` is Hugo's publish date. */
function readDraft(ctx: FieldContext, fields: Map<string, Entry>, matter: PostMatter): void {
  const published = fields.get('published');
  let draft: boolean | undefined;
  if (published && (typeof published.value === 'string' || published.value instanceof Date) && !/^(true|false)$/i.test(String(published.value).trim())) {
    const when = readDate(ctx, [published.key], published.value);
    if (when && !matter.publishDate) matter.publishDate = when;
  } else if (published) {
    const value = readBoolean(ctx, [published.key], published.value);
    if (value !== undefined) draft = !value;
  }
  const explicit = read(fields, 'draft', (path, value) => readBoolean(ctx, path, value));
  matter.draft = explicit ?? draft ?? false;
}

/** `author: "A"` or `author: [A, B]` (joined with `, `). */
function readAuthor(ctx: FieldContext, path: [string], value: unknown): string | undefined {
  if (!Array.isArray(value)) return readString(ctx, path, value);
  const names = readTerms(ctx, path, value, false);
  return names.length ? names.join(', ') : undefined;
}

/** `showtoc`: a boolean; `yes`/`no` are read as such with a warning (YAML 1.1 habit). */
function readShowToc(ctx: FieldContext, path: [string], value: unknown): boolean | undefined {
  if (typeof value === 'string' && /^(yes|no)$/i.test(value.trim())) {
    const yes = value.trim().toLowerCase() === 'yes';
    ctx.report(
      `Unexpected \`${value.trim()}\` for \`${label(path)}\`, expected \`true\` or \`false\`; read as \`${yes}\``,
      'showtoc-yes-no',
      path,
    );
    return yes;
  }
  return readBoolean(ctx, path, value);
}

/**
 * Title for a post without one, from its file name (Hugo has none; this is
 * onair's rule): the file's stem (the folder's name for `index.md`/`_index.md`),
 * a leading `YYYY-MM-DD-` dropped, `-`/`_` as spaces, each word capitalised:
 * `2023-11-16-kubecon-na-foo.md` → `Kubecon Na Foo`.
 */
export function titleFromPath(path: string | undefined): string {
  const parts = (path ?? '').split(/[\\/]/).filter(Boolean);
  let stem = (parts.at(-1) ?? '').replace(/\.[^.]*$/, '');
  if ((stem === 'index' || stem === '_index') && parts.length > 1) stem = parts.at(-2)!;
  const rest = stem.replace(/^\d{4}-\d{2}-\d{2}(?:[-_ ]+|$)/, '');
  if (rest === '') return stem || 'Untitled';
  const words = rest.split(/[-_\s]+/).filter(Boolean);
  const title = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return title || 'Untitled';
}
