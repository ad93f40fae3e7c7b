/**
 * What in a Hugo site onair will not reproduce, found by looking at its
 * folders (nothing is executed): Hugo templates (`layouts/`, the theme's),
 * translations, data files, Hugo Pipes assets and multilingual content.
 * Each finding is a `hugo-unsupported` warning on a VFile for that place.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';

/** Options of {@link scanHugoSite}. */
export interface ScanOptions {
  /** Theme names from the config (`theme = "mini"`). */
  themes?: string[];
  /** Absolute content folder. Default `ROOT/content`. */
  contentDir?: string;
}

/** Lists the files under `dir` (relative to it, POSIX separators); none when it does not exist. */
async function list(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

/** Scans the site at `root`; one VFile per finding. */
export async function scanHugoSite(root: string, options: ScanOptions = {}): Promise<VFile[]> {
  const files: VFile[] = [];
  const warn = (at: string, reason: string) => {
    const file = new VFile({ path: at, cwd: root });
    file.message(reason, { ruleId: 'hugo-unsupported', source: 'onair' });
    files.push(file);
  };
  const layouts = async (dir: string, what: string) => {
    const found = (await list(path.join(root, dir))).filter((f) => f.endsWith('.html'));
    const pages = found.filter((f) => !f.startsWith('shortcodes/'));
    const own = new Set((await list(path.join(root, 'templates', 'shortcodes'))).map((f) => f.replace(/\.(html|tsx)$/, '')));
    const shortcodes = found.filter((f) => f.startsWith('shortcodes/') && !own.has(path.posix.basename(f, '.html')));
    if (pages.length > 0) {
      warn(dir, `Unexpected Hugo templates in ${what} (${pages.length}: ${names(pages)}), expected onair templates: pages use onair's theme; port what you need to \`templates/*.tsx\``);
    }
    if (shortcodes.length > 0) {
      warn(`${dir}/shortcodes`, `Unexpected Hugo shortcodes in ${what} (${names(shortcodes.map((f) => path.posix.basename(f, '.html')))}), expected \`templates/shortcodes/NAME.html\` or \`.tsx\`: copy each one used there (the HTML ones work with \`.Get\`, \`.Inner\`, \`with\`)`);
    }
  };
  await layouts('layouts', '`layouts/`');
  for (const theme of options.themes ?? []) await layouts(`themes/${theme}/layouts`, `the theme \`${theme}\``);
  const folders: Array<[string, string]> = [
    ['i18n', 'translation tables are not read; strings come from onair\'s theme'],
    ['data', '`.Site.Data` is not available; move values to `params` in the config'],
    ['assets', 'Hugo Pipes (Sass, bundling, image processing) are not run; put built files in `static/`'],
  ];
  for (const [folder, why] of folders) {
    const found = await list(path.join(root, folder));
    if (found.length > 0) warn(folder, `Unexpected Hugo folder \`${folder}/\` (${found.length} files): ${why}`);
  }
  const content = await list(options.contentDir ?? path.join(root, 'content'));
  const translated = content.filter((f) => /\.[a-z]{2}(?:-[a-z]{2,4})?\.(?:md|markdown)$/i.test(f) && !/^_?index\./.test(path.posix.basename(f)));
  if (translated.length > 0) {
    warn(path.relative(root, options.contentDir ?? path.join(root, 'content')).split(path.sep).join('/'), `Unexpected translated content (${translated.length} files like \`${translated[0]}\`), expected one language: each translation builds as a page of its own at its own URL`);
  }
  return files;
}

/** A short list of names for a reason: the first five, then a count. */
function names(items: string[]): string {
  const shown = items.slice(0, 5).map((n) => `\`${n}\``).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
