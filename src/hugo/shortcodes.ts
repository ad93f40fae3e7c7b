/**
 * The shortcode options a site build adds to the plugin's: the site's own
 * shortcodes (`templates/shortcodes/`), `ref` resolution against every
 * published page, and the site params for `param`. Built from plain data so
 * render workers can make the same options.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { loadUserShortcodes } from '../shortcodes/user.js';
import type { ShortcodeOptions } from '../shortcodes/types.js';
import type { SiteConfig } from '../types.js';
import { createRefResolver, type RefPage } from './refs.js';

/** What {@link siteShortcodes} needs (plain data). */
export interface SiteShortcodesInput {
  /** Absolute site root. */
  root: string;
  config: SiteConfig;
  /** Absolute content folder. */
  contentDir: string;
  /** Every published page (posts, pages, sections) for `ref`. */
  pages: readonly RefPage[];
}

/** Loads the site's shortcodes and makes the options; messages about shortcode files come back as `files`. */
export async function siteShortcodes(input: SiteShortcodesInput): Promise<{ options: ShortcodeOptions; files: VFile[] }> {
  const { root, config } = input;
  const user = await loadUserShortcodes(path.resolve(root, config.templatesDir, 'shortcodes'), root);
  const contentDir = path.relative(root, input.contentDir).split(path.sep).join('/');
  const resolveRef = createRefResolver(input.pages, { contentDir, basePath: config.basePath });
  return { options: { shortcodes: user.handlers, resolveRef, params: config.params }, files: user.files };
}
