/**
 * Runs Pagefind's own command-line binary on a folder of pages, writing the
 * bundle straight to disk. Against the node API (`pagefind.ts`, pages sent
 * one by one over stdio, the bundle shipped back base64) it parses the pages
 * on every core and nothing crosses a pipe; and the process exits when done,
 * so its memory (~0.45 MB per page) is given back, where the API's service
 * keeps it for as long as the build's process lives (`onair dev`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';

/** Options of {@link runPagefind}. */
export interface RunPagefindOptions {
  /** Folder holding exactly the pages to index (absolute); URLs are their paths in it. */
  site: string;
  /** Glob (relative to `site`) matching every page file and no folder. */
  glob: string;
  /** Folder the bundle is written into (absolute). */
  outputPath: string;
  /** Site language (`zh-CN`, `en`): every page is indexed under it. */
  language: string;
  /** Working folder of the process (absolute): Pagefind reads `pagefind.yml` and friends from it, so use an empty one. */
  cwd: string;
  /** Kills the process. */
  signal?: AbortSignal;
}

/**
 * Indexes the pages of `site` into a bundle at `outputPath`. Resolves to
 * false when stopped by `signal` (the bundle may be partly written), true
 * when done; rejects (with Pagefind's error output as `cause`) when
 * Pagefind fails or cannot start.
 */
export async function runPagefind(options: RunPagefindOptions): Promise<boolean> {
  if (options.signal?.aborted) return false;
  const args = ['--site', options.site, '--glob', options.glob, '--output-path', options.outputPath];
  args.push('--force-language', options.language.toLowerCase(), '--silent');
  // Pagefind reads `PAGEFIND_*` variables as options: only the binary's own settings are passed on.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PAGEFIND_')));
  const child = spawn(pagefindBinary(), args, { cwd: options.cwd, env, stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  const stop = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (options.signal?.aborted) return false;
    if (code !== 0) throw new Error(`Cannot build the search index: Pagefind exited with code ${code}`, { cause: stderr.trim() });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('Cannot start Pagefind for search: is the `pagefind` package (with its platform binary) installed?', { cause: error });
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

let binary: string | undefined;

/**
 * Path of the platform binary the `pagefind` package installed (the
 * extended one: it segments Chinese and Japanese), found as the package's
 * own service finds it, `PAGEFIND_EXTENDED_BINARY_PATH` included.
 */
export function pagefindBinary(): string {
  if (binary) return binary;
  const names = ['pagefind_extended', 'pagefind'];
  for (const name of names) {
    const fromEnv = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnv) return (binary = fromEnv);
  }
  const require = createRequire(import.meta.resolve('pagefind'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const problems: unknown[] = [];
  for (const name of names) {
    try {
      return (binary = require.resolve(`@pagefind/${platform}-${os.arch()}/bin/${name}${platform === 'windows' ? '.exe' : ''}`));
    } catch (error) {
      problems.push(error);
    }
  }
  throw new Error(`Cannot find Pagefind's binary for ${platform}-${os.arch()}: is the \`pagefind\` package installed with its optional dependencies?`, { cause: problems });
}
