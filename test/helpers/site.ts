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
