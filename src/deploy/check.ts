/**
 * The guard every deploy passes first: there is a built site to publish.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DeployError } from './errors.js';

/**
 * Resolves when `outDir` is a folder holding `index.html`; rejects with a
 * {@link DeployError} otherwise, so a failed or empty build is never published.
 */
export async function assertBuiltSite(outDir: string): Promise<void> {
  const stat = await fs.stat(outDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new DeployError(`Unexpected missing output folder \`${outDir}\`, expected a built site: run \`onair build\` first`);
  }
  const index = await fs.stat(path.join(outDir, 'index.html')).catch(() => undefined);
  if (!index?.isFile()) {
    throw new DeployError(
      `Unexpected output folder \`${outDir}\` without \`index.html\`, expected a complete build: run \`onair build\` and fix its errors first`,
    );
  }
}
