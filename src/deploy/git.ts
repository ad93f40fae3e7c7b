/**
 * `onair deploy git`: publishes the output folder as one new commit on a
 * branch (gh-pages), built with plumbing and a temporary index so the
 * working tree, the real index and the current branch are never touched.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertBuiltSite } from './check.js';
import { DeployError } from './errors.js';
import { listFiles } from './files.js';
import { git } from './git-run.js';

/** Options of {@link deployGit}. */
export interface DeployGitOptions {
  /** A folder inside the git repository (the site root). */
  root: string;
  /** The built site. */
  outDir: string;
  /** Default `gh-pages`. */
  branch?: string;
  /** Default `origin`. */
  remote?: string;
  /** Commit message. Default `Deploy site from <HEAD>`. */
  message?: string;
  /** Push the branch after committing. Default true. */
  push?: boolean;
}

/** What {@link deployGit} did. */
export interface DeployGitResult {
  /** Tip of the branch after the deploy. */
  commit: string;
  tree: string;
  /** False when the site was unchanged, so no commit was made. */
  changed: boolean;
  /** Files in the commit (site files plus `.nojekyll` / a kept `CNAME`). */
  files: number;
  /** A `CNAME` from the previous deploy was carried over (the site has none). */
  keptCname: boolean;
  pushed: boolean;
}

/** Deploys `outDir` to `branch`; rejects with a `DeployError` for problems the user must fix. */
export async function deployGit(options: DeployGitOptions): Promise<DeployGitResult> {
  const { root, outDir, branch = 'gh-pages', remote = 'origin', push = true } = options;
  await assertBuiltSite(outDir);
  await checkNames(root, branch, remote);
  const ref = `refs/heads/${branch}`;
  const run = (args: string[], extra: { input?: string; env?: Record<string, string>; ok?: number[] } = {}) =>
    git(args, { cwd: root, ...extra }).then((r) => r.stdout.trim());

  const current = await run(['symbolic-ref', '-q', 'HEAD'], { ok: [0, 1] });
  if (current === ref) {
    throw new DeployError(`Unexpected current branch \`${branch}\`: deploying would replace the files of your checkout; switch to another branch first`);
  }
  const localTip = await run(['rev-parse', '--verify', '-q', `${ref}^{commit}`], { ok: [0, 1] });
  // Build on the remote's branch when it is newer (a fresh clone, or a deploy
  // from another machine since fetched), so history is kept and the push fast-forwards.
  const remoteTip = await run(['rev-parse', '--verify', '-q', `refs/remotes/${remote}/${branch}^{commit}`], { ok: [0, 1] });
  const remoteIsNewer = Boolean(localTip && remoteTip && localTip !== remoteTip) &&
    (await git(['merge-base', '--is-ancestor', localTip, remoteTip], { cwd: root, ok: [0, 1] })).code === 0;
  const parent = !localTip || remoteIsNewer ? remoteTip : localTip;

  const entries = await siteEntries(outDir, run);
  let keptCname = false;
  if (parent && !entries.has('CNAME')) {
    // GitHub writes CNAME to the branch when a custom domain is set in its UI: keep it.
    const blob = /^100644 blob ([0-9a-f]+)\tCNAME$/.exec(await run(['ls-tree', parent, 'CNAME']))?.[1];
    if (blob) entries.set('CNAME', { mode: '100644', sha: blob });
    keptCname = blob !== undefined;
  }
  if (!entries.has('.nojekyll')) {
    // Without it GitHub Pages runs Jekyll, which drops `_`-prefixed files.
    entries.set('.nojekyll', { mode: '100644', sha: await run(['hash-object', '-w', '--stdin']) });
  }
  const tree = await writeTree(entries, run);

  let commit = parent;
  const changed = !parent || (await run(['rev-parse', `${parent}^{tree}`])) !== tree;
  if (changed) {
    const head = await run(['rev-parse', '--verify', '-q', '--short', 'HEAD'], { ok: [0, 1] });
    const message = options.message ?? (head ? `Deploy site from ${head}` : 'Deploy site');
    commit = await run(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]);
  }
  if (commit !== localTip) {
    // Compare-and-swap: fails if someone moved the branch since we read it.
    await run(['update-ref', '-m', 'onair deploy', ref, commit, localTip]);
  }
  if (push) {
    await git(['push', '--quiet', remote, `${ref}:${ref}`], { cwd: root }).catch((error: unknown) => {
      throw new DeployError(`${(error as Error).message}\nThe deploy commit is on the local branch \`${branch}\`; fix the problem and run the deploy again to push it`);
    });
  }
  return { commit, tree, changed, files: entries.size, keptCname, pushed: push };
}

type Run = (args: string[], extra?: { input?: string; env?: Record<string, string>; ok?: number[] }) => Promise<string>;
type Entry = { mode: string; sha: string };

async function checkNames(root: string, branch: string, remote: string): Promise<void> {
  await git(['rev-parse', '--git-dir'], { cwd: root }).catch(() => {
    throw new DeployError(`Unexpected folder \`${root}\` outside a git repository, expected a repository: run \`git init\` or pass \`--root\``);
  });
  // A leading dash would read as an option to git.
  const badBranch = branch.startsWith('-') || (await git(['check-ref-format', `refs/heads/${branch}`], { cwd: root, ok: [0, 1] })).code !== 0;
  if (badBranch) throw new DeployError(`Unexpected branch name \`${branch}\`, expected a valid git branch name`);
  if (remote === '' || remote.startsWith('-')) throw new DeployError(`Unexpected remote \`${remote}\`, expected a remote name or URL`);
}

/** Stores every site file as a blob (raw bytes: no filters, no line-ending changes). */
async function siteEntries(outDir: string, run: Run): Promise<Map<string, Entry>> {
  const files = await listFiles(outDir);
  const odd = files.find((f) => /[\n\r]/.test(f.abs));
  if (odd) throw new DeployError(`Unexpected line break in file name \`${JSON.stringify(odd.path)}\`, expected names without one: rename it`);
  const shas = (await run(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: files.map((f) => f.abs).join('\n') + '\n' })).split('\n');
  return new Map(files.map((f, i) => [f.path, { mode: f.executable ? '100755' : '100644', sha: shas[i]! }]));
}

/** Writes the tree of `entries` through a throwaway index file. */
async function writeTree(entries: Map<string, Entry>, run: Run): Promise<string> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'onair-deploy-'));
  try {
    const env = { GIT_INDEX_FILE: path.join(tmp, 'index') };
    const input = [...entries].map(([name, e]) => `${e.mode} ${e.sha}\t${name}\0`).join('');
    await run(['update-index', '-z', '--index-info'], { input, env });
    return await run(['write-tree'], { env });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
