/**
 * Running git: always `spawn` with an argument array (no shell ever sees a
 * user's file, branch or message), stdout captured, stderr kept for errors.
 */
import { spawn } from 'node:child_process';
import { DeployError } from './errors.js';

/** Options of {@link git}. */
export interface GitOptions {
  cwd: string;
  /** Extra environment variables (merged over `process.env`). */
  env?: Record<string, string>;
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Exit codes that are not failures (`rev-parse --verify -q` exits 1 for "no such ref"). Default `[0]`. */
  ok?: number[];
}

/** What a git run printed. */
export interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `git ...args` and resolves to its output; rejects with a
 * {@link DeployError} carrying git's own message when it fails.
 */
export function git(args: string[], options: GitOptions): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      reject(new DeployError(`Cannot run \`git\` (${error.message}): install git and put it on PATH`, { cause: error }));
    });
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if ((options.ok ?? [0]).includes(result.code)) resolve(result);
      else reject(new DeployError(`\`git ${args[0]}\` failed: ${result.stderr.trim() || `exit code ${result.code}`}`));
    });
    child.stdin.on('error', () => {}); // git may exit before reading all input; `close` reports why.
    child.stdin.end(options.input ?? '');
  });
}
