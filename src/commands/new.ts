/**
 * `onair new interview|post "Title" [--root DIR]`: scaffolds a draft post.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createPost } from '../scaffold/create-post.js';
import { postKinds, type PostKind } from '../scaffold/post.js';
import { FilesExistError } from '../scaffold/write.js';
import { UsageError, type Command } from './types.js';

/** The `new` command. */
export const newCommand: Command = {
  name: 'new',
  summary: 'Write a new draft post: `onair new interview "Title"`',
  usage: `Usage: onair new ${postKinds.join('|')} "Title" [--root DIR]

Writes CONTENT/post/YYYY-MM-DD-<slug>.md (CONTENT: the config's contentDir,
default content) as a draft (draft: true) dated now.
  interview  front matter with videos, speakers, tags and categories, and
             ## Videos, ## Chapters and ## Transcript sections to fill in
  post       a plain post
The slug comes from the title; a title without ASCII letters (a Chinese
title) gets YYYY-MM-DD-post.md, -2, -3… Never overwrites a file.

Options:
  --root DIR  Site root (default: the current folder)`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { root: { type: 'string' } },
      allowPositionals: true,
    });
    const [kind, title, ...extra] = positionals;
    if (!postKinds.includes(kind as PostKind)) {
      throw new UsageError(`Unexpected kind \`${kind ?? ''}\`, expected ${postKinds.map((k) => `\`${k}\``).join(' or ')}`);
    }
    if (title === undefined || title.trim() === '') throw new UsageError('Missing title, expected `onair new KIND "Title"`');
    if (extra.length > 0) throw new UsageError(`Unexpected \`${extra[0]}\`: quote a title with spaces`);
    const root = path.resolve(values.root ?? '.');
    try {
      const { contentDir } = (await loadConfig(root)).config;
      const dir = path.posix.join(path.relative(root, path.resolve(root, contentDir)).split(path.sep).join('/'), 'post');
      const file = await createPost({ root, kind: kind as PostKind, title: title.trim(), dir });
      console.log(`Created ${file}`);
      return 0;
    } catch (error) {
      if (error instanceof FilesExistError) {
        console.error(`onair new: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
