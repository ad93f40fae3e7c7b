/**
 * Routes are checked before anything renders: two inputs on one output path
 * are a fatal message naming both, and so is a post or alias on a path the
 * site writes itself (home page, feeds, term lists, the pages 2 and up of
 * every list, theme assets), which would otherwise be overwritten without a
 * word, and a section whose file `url` (`/post.html`) puts its feeds and
 * pages in another list's folder (`post/`); paths that differ only by case
 * are a warning (they collide on case-insensitive hosts and file systems).
 */
import type { VFile } from 'vfile';
import type { PostMeta } from '../types.js';
import { listFolder } from './paginate.js';
import { routePlace } from './route-place.js';
import { siteOutputs, type SiteOutputsOptions } from './site-outputs.js';

/** Options of {@link checkRoutes}: what decides the site's own outputs (see {@link siteOutputs}). */
export type RoutesOptions = SiteOutputsOptions;

/** Folders the site fills itself: any output inside them is refused. */
const siteFolders: ReadonlyArray<readonly [string, string]> = [
  ['assets/', "the theme's assets"],
  ['pagefind/', 'the search index'],
];

/** Reports output collisions among `posts`, and with the site's own outputs, on their files. */
export function checkRoutes(posts: readonly PostMeta[], files: ReadonlyMap<PostMeta, VFile>, options: RoutesOptions = {}): void {
  const { files: site, own: ownPages, clashes } = siteOutputs(posts, options);
  const exact = new Map<string, PostMeta>();
  const folded = new Map<string, PostMeta>();
  for (const post of posts) {
    const outputs = [post.outputPath, ...post.aliases.map((alias) => aliasOutput(alias))];
    for (const [i, output] of outputs.entries()) {
      const what = i === 0 ? 'output' : `alias \`${post.aliases[i - 1]}\``;
      const file = files.get(post)!;
      // A section's `_index.md` is its list page: that path is its own (not its list's page 2, nor another list's).
      const own = i === 0 && ownPages.get(output) === post;
      // `sitemap-N.xml`: the sitemap's files past 50,000 URLs (`output/sitemap.ts`), whatever the site's size today.
      const writer = own ? undefined : (site.get(output) ?? siteFolders.find(([folder]) => output.startsWith(folder))?.[1] ?? (/^sitemap-\d+\.xml$/.test(output) ? "the sitemap's files" : undefined));
      if (writer) {
        const message = file.message(`Unexpected ${what} path \`${output}\` that the site uses for ${writer}, expected a path of its own; change the \`slug\`, \`url\` or \`aliases\``, {
          place: routePlace(file, post, post.aliases[i - 1]),
          ruleId: 'duplicate-output',
          source: 'onair',
        });
        message.fatal = true;
        continue;
      }
      const other = exact.get(output);
      if (other && other !== post) {
        const message = file.message(`Unexpected ${what} path \`${output}\` that \`${other.sourcePath}\` also writes, expected one page per path; change the \`slug\`, \`url\` or \`aliases\` of one of them`, {
          place: routePlace(file, post, post.aliases[i - 1]),
          ruleId: 'duplicate-output',
          source: 'onair',
        });
        message.fatal = true;
        continue;
      }
      exact.set(output, post);
      const lower = output.toLowerCase();
      const caseTwin = folded.get(lower);
      if (caseTwin && caseTwin !== post) {
        file.message(`Unexpected ${what} path \`${output}\` that differs only by case from \`${caseTwin.outputPath}\` (\`${caseTwin.sourcePath}\`), expected paths that stay distinct on case-insensitive hosts; rename one`, {
          place: routePlace(file, post, post.aliases[i - 1]),
          ruleId: 'case-collision',
          source: 'onair',
        });
      }
      folded.set(lower, post);
    }
  }
  checkFolders(files, site, exact);
  for (const { index, output, writer } of clashes) {
    const file = files.get(index)!;
    const folder = listFolder(index.url).slice(1);
    const message = file.message(`Unexpected \`url\` \`${index.url}\` whose list writes its feeds and pages 2 and up in \`${folder}\`, where \`${output}\` is ${writer}, expected a folder of its own; change the \`url\``, {
      place: routePlace(file, index),
      ruleId: 'duplicate-output',
      source: 'onair',
    });
    message.fatal = true;
  }
}

/**
 * An output path used as a file by one input and as a folder by another
 * (`url: /x` and `url: /x/y/`, an alias `/old.html` and `url: /old.html/z/`)
 * cannot both be written: reported on the input whose path is the problem.
 */
function checkFolders(files: ReadonlyMap<PostMeta, VFile>, site: ReadonlyMap<string, string>, exact: ReadonlyMap<string, PostMeta>): void {
  const siteDirs = new Set<string>();
  for (const output of site.keys()) for (const dir of folders(output)) siteDirs.add(dir);
  const owner = (output: string) => site.get(output) ?? (exact.has(output) ? `\`${exact.get(output)!.sourcePath}\`` : undefined);
  for (const [output, post] of exact) {
    const file = files.get(post)!;
    const where = output === post.outputPath ? 'output' : 'alias';
    const alias = where === 'alias' ? post.aliases.find((a) => aliasOutput(a) === output) : undefined;
    const blocker = folders(output).find((dir) => owner(dir) !== undefined);
    const reason = blocker
      ? `Unexpected ${where} path \`${output}\` inside \`${blocker}\`, which ${owner(blocker)} writes as a file, expected paths that do not nest in a file; change the \`slug\`, \`url\` or \`aliases\``
      : siteDirs.has(output)
        ? `Unexpected ${where} path \`${output}\` that is a folder of the site's own pages, expected a path of its own; change the \`slug\`, \`url\` or \`aliases\``
        : undefined;
    if (!reason) continue;
    const message = file.message(reason, { place: routePlace(file, post, alias), ruleId: 'duplicate-output', source: 'onair' });
    message.fatal = true;
  }
}

/** The folders an output path sits in (`a/b/index.html` → `a`, `a/b`). */
function folders(output: string): string[] {
  const result: string[] = [];
  for (let i = output.indexOf('/'); i !== -1; i = output.indexOf('/', i + 1)) result.push(output.slice(0, i));
  return result;
}

/** Output file of an alias URL (`/old/path/` → `old/path/index.html`). */
export function aliasOutput(alias: string): string {
  const trimmed = alias.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? `${trimmed}index.html` : /\.html?$/.test(trimmed) ? trimmed : `${trimmed}/index.html`;
}
