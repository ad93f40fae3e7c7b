/**
 * Test helpers for whole-site builds in temp folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the example site). */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Makes a site folder in a temp dir from a map of relative path → content. */
export function makeSite(files: Record<string, string | Uint8Array>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-site-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

/** Every file under `dir` (relative path → base64 bytes), for byte-for-byte comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full).toString('base64'));
  }
  return result;
}

/** Builds a Hugo-config site from `files` (no search, no cache) and reads `outputs` (paths under `public/`) before removing it. */
export async function buildAndRead(files: Record<string, string>, outputs: string[]): Promise<string[]> {
  const { build } = await import('../../src/build.js');
  const root = makeSite(files);
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    if (!result.ok) throw new Error(`build of ${Object.keys(files).join(', ')} failed`);
    return outputs.map((file) => fs.readFileSync(path.join(out, file), 'utf8'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
