/**
 * Routes are checked before anything renders: two inputs on one output path
 * are a fatal message naming both; paths that differ only by case are a
 * warning (they collide on case-insensitive hosts and file systems).
 */
import type { VFile } from 'vfile';
import type { PostMeta } from '../types.js';

/** Reports output collisions among `posts` on their files. */
export function checkRoutes(posts: readonly PostMeta[], files: ReadonlyMap<PostMeta, VFile>): void {
  const exact = new Map<string, PostMeta>();
  const folded = new Map<string, PostMeta>();
  for (const post of posts) {
    const outputs = [post.outputPath, ...post.aliases.map((alias) => aliasOutput(alias))];
    for (const [i, output] of outputs.entries()) {
      const what = i === 0 ? 'output' : `alias \`${post.aliases[i - 1]}\``;
      const other = exact.get(output);
      const file = files.get(post)!;
      if (other && other !== post) {
        const message = file.message(`Unexpected ${what} path \`${output}\` that \`${other.sourcePath}\` also writes, expected one page per path; change the \`slug\`, \`url\` or \`aliases\` of one of them`, {
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
          ruleId: 'case-collision',
          source: 'onair',
        });
      }
      folded.set(lower, post);
    }
  }
}

/** Output file of an alias URL (`/old/path/` → `old/path/index.html`). */
export function aliasOutput(alias: string): string {
  const trimmed = alias.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? `${trimmed}index.html` : /\.html?$/.test(trimmed) ? trimmed : `${trimmed}/index.html`;
}
