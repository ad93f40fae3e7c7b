/**
 * `onair new`: picks the file name of a new post and writes it, never
 * overwriting one.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { newPostSource, type PostKind } from './post.js';
import { localDay, slugify } from './slug.js';
import { FilesExistError } from './write.js';

/** Options of {@link createPost}. */
export interface CreatePostOptions {
  /** Site root. */
  root: string;
  kind: PostKind;
  title: string;
  /** Creation time. Default now. */
  now?: Date;
  /** Folder of posts, relative to the root. Default `content/post`. */
  dir?: string;
}

/**
 * Writes `DIR/YYYY-MM-DD-<slug>.md` and resolves to its path relative to the
 * root. A title without ASCII letters or digits (a Chinese title) gets
 * `YYYY-MM-DD-post.md`, then `-2`, `-3`… A named file that exists is an
 * error ({@link FilesExistError}): it most likely is the same post.
 */
export async function createPost(options: CreatePostOptions): Promise<string> {
  const now = options.now ?? new Date();
  const dir = options.dir ?? 'content/post';
  const source = newPostSource({ kind: options.kind, title: options.title, now });
  const slug = slugify(options.title);
  const base = `${localDay(now)}-${slug || 'post'}`;
  await fs.mkdir(path.join(options.root, dir), { recursive: true });
  for (let n = 1; ; n++) {
    const name = `${dir}/${base}${n === 1 ? '' : `-${n}`}.md`;
    try {
      await fs.writeFile(path.join(options.root, name), source, { flag: 'wx' });
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (slug) throw new FilesExistError([name]);
    }
  }
}
