/**
 * `onair init [DIR] [--host github|netlify|cloudflare|vercel]`: a new site in
 * one command.
 */
import { parseArgs } from 'node:util';
import { initSite } from '../scaffold/init.js';
import { hosts, type Host } from '../scaffold/recipes.js';
import { FilesExistError } from '../scaffold/write.js';
import { UsageError, type Command } from './types.js';

/** The `init` command. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Create a new site (config, a first interview, host recipe)',
  usage: `Usage: onair init [DIR] [--host ${hosts.join('|')}]

Writes a new site into DIR (default: the current folder): onair.yaml, a first
interview in content/post/, static/, .gitignore and package.json. Never
overwrites a file. In a folder that already holds a site, --host adds only
the recipe.

Options:
  --host HOST  Also write the recipe for a static host:
               github      .github/workflows/deploy.yml (GitHub Pages via Actions)
               netlify     netlify.toml
               cloudflare  wrangler.toml and .node-version (Cloudflare Pages)
               vercel      vercel.json`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { host: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new UsageError(`Unexpected ${positionals.length} folders, expected at most one`);
    const host = values.host;
    if (host !== undefined && !hosts.includes(host as Host)) {
      throw new UsageError(`Unexpected host \`${host}\`, expected one of ${hosts.map((h) => `\`${h}\``).join(', ')}`);
    }
    const dir = positionals[0] ?? '.';
    try {
      const result = await initSite({ dir, host: host as Host | undefined });
      for (const file of result.written) console.log(`  created ${file}`);
      if (result.recipeOnly) {
        console.log(`Added the ${host} recipe to the site in \`${dir}\`.`);
      } else {
        const cd = dir === '.' ? '' : `cd ${dir} && `;
        console.log(`\nNew site in \`${dir}\`. Next: ${cd}npm install && npm run dev`);
      }
      return 0;
    } catch (error) {
      if (error instanceof FilesExistError) {
        console.error(`onair init: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
