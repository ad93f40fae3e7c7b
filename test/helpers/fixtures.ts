/**
 * The fixture check of the Markdown tests: each expected file in a case's
 * folder (`output.html`, `messages.txt`) equals what was produced; `UPDATE=1`
 * (or a missing file) writes it instead.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';

/** The messages of `file`, one a line, as the fixtures' `messages.txt` holds them. */
export function messagesText(file: VFile): string {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}\n`).join('');
}

/** Checks (or writes, with `UPDATE=1`) the files `actual` names in the case folder `dir`. */
export function expectFixture(dir: string, actual: Record<string, string>): void {
  for (const [out, value] of Object.entries(actual)) {
    const expectedFile = path.join(dir, out);
    if (process.env.UPDATE || !fs.existsSync(expectedFile)) fs.writeFileSync(expectedFile, value);
    assert.equal(value, fs.readFileSync(expectedFile, 'utf8'), `${path.basename(dir)}/${out}`);
  }
}
