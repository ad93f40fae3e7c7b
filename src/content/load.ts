/**
 * Finds the content files of a site and reads them into VFiles.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { reservedFileReason } from '../model/reserved.js';

/** A file found under the content folder. */
export interface ContentEntry {
  /** Absolute path. */
  absolute: string;
  /** Path relative to the content folder, POSIX separators. */
  contentPath: string;
}

/** What the content walk found. */
export interface ContentTree {
  /** Markdown files, sorted by path (so output never depends on directory order). */
  markdown: ContentEntry[];
  /** Other files (bundle resources), sorted by path. */
  other: ContentEntry[];
  /** Problems met while walking (symlinks out of the tree, loops, file names Windows cannot hold). */
  problems: Array<{ contentPath: string; reason: string; ruleId: string }>;
}

const IGNORED = new Set(['.git', 'node_modules', '.DS_Store']);

/**
 * Walks `contentDir`. Symlinks are followed only when they stay inside the
 * content folder; a link out of it is reported and skipped, and a folder seen
 * twice (a loop) is skipped.
 */
export async function walkContent(contentDir: string): Promise<ContentTree> {
  const tree: ContentTree = { markdown: [], other: [], problems: [] };
  let rootReal: string;
  try {
    rootReal = await fs.realpath(contentDir);
  } catch {
    return tree;
  }
  const seen = new Set<string>([rootReal]);

  async function walk(dir: string, rel: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (IGNORED.has(entry.name)) continue;
      const absolute = path.join(dir, entry.name);
      const contentPath = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = await fs.realpath(absolute);
        } catch {
          tree.problems.push({ contentPath, reason: 'Unexpected broken symbolic link, expected a file or folder; remove the link', ruleId: 'broken-symlink' });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
          tree.problems.push({ contentPath, reason: 'Unexpected symbolic link out of the content folder, it is not followed; copy the file into `content/` instead', ruleId: 'symlink-outside-content' });
          continue;
        }
        const stat = await fs.stat(real);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        if (isDir) {
          if (seen.has(real)) continue;
          seen.add(real);
        }
      } else if (isDir) {
        seen.add(await fs.realpath(absolute));
      }
      if (isDir) await walk(absolute, contentPath);
      else if (isFile) (entry.name.toLowerCase().endsWith('.md') ? tree.markdown : tree.other).push({ absolute, contentPath });
    }
  }

  await walk(contentDir, '');
  const byPath = (a: ContentEntry, b: ContentEntry) => (a.contentPath < b.contentPath ? -1 : a.contentPath > b.contentPath ? 1 : 0);
  tree.markdown.sort(byPath);
  tree.other.sort(byPath);
  // Posts get a neutralised URL (see `permalink`); other files are copied under their own names, so the author has to rename them.
  for (const entry of tree.other) {
    const reason = reservedFileReason(entry.contentPath);
    if (reason) tree.problems.push({ contentPath: entry.contentPath, ruleId: 'reserved-name', reason });
  }
  return tree;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** For the valid text before a bad byte. */
const lenient = new TextDecoder('utf-8', { ignoreBOM: false });

/** The point just after `before` (the text of the file up to a bad byte), with line breaks counted as the file's text counts them. */
function pointAt(before: string): { line: number; column: number } {
  const lines = before.split(/\r\n?|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (the WHATWG decoder's rules: no overlongs, surrogates or values past U+10FFFF). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) [length, low, high] = [3, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, low, high] = [4, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf];
    else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Largest post accepted, in bytes (a 5 MB transcript builds; a 50 MB file is a mistake). */
export const maxFileSize = 16 * 1024 * 1024;

/**
 * Reads one Markdown file into a VFile whose path is relative to `root` (so
 * reports show `content/post/x.md`). Bytes that are not UTF-8 (or a binary
 * file named `.md`) give a fatal message and an empty value, never mojibake.
 */
export async function readContentFile(entry: ContentEntry, root: string): Promise<VFile> {
  return contentFile(entry, root, await fs.readFile(entry.absolute));
}

/** {@link readContentFile}, synchronously (a render worker has nothing else to do while it waits). */
export function readContentFileSync(entry: ContentEntry, root: string): VFile {
  return contentFile(entry, root, readFileSync(entry.absolute));
}

function contentFile(entry: ContentEntry, root: string, bytes: Buffer): VFile {
  const file = new VFile({ path: path.relative(root, entry.absolute).split(path.sep).join('/'), cwd: root });
  let text: string;
  if (bytes.length > maxFileSize) {
    const message = file.message(`Unexpected file of ${(bytes.length / 1048576).toFixed(1)} MB, expected at most ${maxFileSize / 1048576} MB; split the post`, { place: { line: 1, column: 1 }, ruleId: 'file-too-large', source: 'onair' });
    message.fatal = true;
    file.value = '';
    return file;
  }
  try {
    text = decoder.decode(bytes);
  } catch {
    text = '';
    const bad = firstInvalidByte(bytes);
    const message = file.message('Unexpected bytes that are not UTF-8, expected a UTF-8 text file; re-save the file as UTF-8 (or remove it if it is not a post)', {
      place: pointAt(lenient.decode(bytes.subarray(0, bad))),
      ruleId: 'invalid-encoding',
      source: 'onair',
    });
    message.fatal = true;
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const place = pointAt(text.slice(0, nul));
    text = '';
    const message = file.message('Unexpected NUL bytes, expected a text file; this looks like a binary file named `.md`', { place, ruleId: 'binary-file', source: 'onair' });
    message.fatal = true;
  }
  // A BOM is decoded away by TextDecoder (ignoreBOM: false); CRLF is normalised
  // so positions and output do not depend on the author's editor.
  file.value = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return file;
}
