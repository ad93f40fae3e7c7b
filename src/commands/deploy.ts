/**
 * `onair deploy git|dir`: publishes the built output folder.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { deployDir } from '../deploy/dir.js';
import { DeployError } from '../deploy/errors.js';
import { deployGit } from '../deploy/git.js';
import { UsageError, type Command } from './types.js';

/** The `deploy` command. */
export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Publish the built site to a git branch (gh-pages) or a folder',
  usage: `Usage: onair deploy git [--branch gh-pages] [--remote origin] [--message MSG] [--no-push] [--root DIR] [--out DIR]
       onair deploy dir PATH [--root DIR] [--out DIR]

Run \`onair build\` first; a missing or incomplete build (no index.html) is
never published.

git   Commits the output folder as one new commit on the branch (parent: the
      branch's previous tip) and pushes it. Your working tree, index and
      current branch are not touched. An unchanged site makes no new commit.
      Adds .nojekyll; keeps a CNAME from the previous deploy if the site
      has none.
dir   Replaces the folder PATH with the site: copies into a temp folder
      beside it, then swaps; files gone from the site disappear.

Options:
  --root DIR     Site root, inside the git repository (default: current folder)
  --out DIR      Built site (default: the config's outDir, ROOT/public)
  --branch NAME  Branch to publish to (default: gh-pages)
  --remote NAME  Remote to push to (default: origin)
  --message MSG  Commit message (default: "Deploy site from <HEAD>")
  --no-push      Commit only; push later with \`git push origin gh-pages\``,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        branch: { type: 'string' },
        remote: { type: 'string' },
        message: { type: 'string' },
        'no-push': { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const [target, ...rest] = positionals;
    const root = path.resolve(values.root ?? '.');
    const outDir = values.out === undefined ? path.resolve(root, (await loadConfig(root)).config.outDir) : path.resolve(values.out);
    try {
      if (target === 'git') {
        if (rest.length > 0) throw new UsageError(`Unexpected argument \`${rest[0]}\``);
        const result = await deployGit({
          root,
          outDir,
          branch: values.branch,
          remote: values.remote,
          message: values.message,
          push: !values['no-push'],
        });
        const branch = values.branch ?? 'gh-pages';
        const what = result.changed ? `Committed ${result.files} files as ${result.commit.slice(0, 12)}` : `Unchanged since ${result.commit.slice(0, 12)}: no new commit`;
        console.log(`${what} on \`${branch}\`${result.keptCname ? ' (kept CNAME)' : ''}${result.pushed ? `, pushed to \`${values.remote ?? 'origin'}\`` : ''}.`);
        return 0;
      }
      if (target === 'dir') {
        if (rest.length !== 1) throw new UsageError('Expected one folder: `onair deploy dir PATH`');
        for (const name of ['branch', 'remote', 'message', 'no-push'] as const) {
          if (values[name] !== undefined) throw new UsageError(`Unexpected \`--${name}\` with \`deploy dir\`, it applies to \`deploy git\``);
        }
        const result = await deployDir({ outDir, target: rest[0]! });
        console.log(`Copied ${result.files} files (${result.bytes} bytes) to \`${rest[0]}\`.`);
        return 0;
      }
      throw new UsageError(`Unexpected target \`${target ?? ''}\`, expected \`git\` or \`dir\``);
    } catch (error) {
      if (error instanceof DeployError) {
        console.error(`onair deploy: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
