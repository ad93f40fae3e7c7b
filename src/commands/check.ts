/**
 * `onair check`: reads a site and reports every problem a build would hit,
 * and what in a Hugo site onair will not reproduce, without writing
 * anything (the build runs into memory, search off).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../build.js';
import { readHugoConfig } from '../hugo/read.js';
import { scanHugoSite } from '../hugo/scan.js';
import { groupUnknownShortcodes } from '../hugo/unknown.js';
import { MemoryWriter } from '../output/writer.js';
import { countMessages, countOf, formatReport } from '../report.js';
import { UsageError, type Command } from './types.js';

const usage = `Usage: onair check [options]

Reads the site in ROOT and reports every problem a build would hit, and what
in a Hugo site onair will not reproduce (Hugo templates, translations, data
files, settings). Writes nothing.

Options:
  --root DIR                   Site folder (default: the current folder)
  --content DIR                Content folder (default: ROOT/content)
  --drafts                     Include drafts
  --future                     Include posts dated in the future
  --expired                    Include expired posts
  --unknown-shortcodes=warn    Unknown shortcodes are warnings, not errors
  --strict                     Treat warnings as errors (for CI)
  --quiet                      Print only errors
  -h, --help                   Show this help

Exit codes: 0 no errors, 1 errors found, 2 bad usage.`;

/** Parses `--unknown-shortcodes` (shared with `onair build`). */
export function unknownShortcodesFlag(value: string | undefined): 'error' | 'warn' | undefined {
  if (value === undefined) return undefined;
  if (value === 'error' || value === 'warn') return value;
  throw new UsageError(`Unexpected \`--unknown-shortcodes=${value}\`, expected \`warn\` or \`error\``);
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Report what a build would hit (and what of a Hugo site onair skips), writing nothing',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        root: { type: 'string' },
        content: { type: 'string' },
        drafts: { type: 'boolean' },
        future: { type: 'boolean' },
        expired: { type: 'boolean' },
        'unknown-shortcodes': { type: 'string' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
    });
    const unknown = unknownShortcodesFlag(values['unknown-shortcodes']);
    const root = path.resolve(values.root ?? process.cwd());
    const writer = new MemoryWriter();
    const result = await build(
      { root, content: values.content, drafts: values.drafts, future: values.future, expired: values.expired, search: false, cache: false, threads: 0, ...(unknown ? { config: { unknownShortcodes: unknown } } : {}) },
      { writer },
    );
    const hugo = await readHugoConfig(root);
    const theme = hugo?.data.theme;
    const themes = (Array.isArray(theme) ? theme : [theme]).filter((t): t is string => typeof t === 'string');
    const findings = hugo ? await scanHugoSite(root, { themes, contentDir: values.content ? path.resolve(values.content) : undefined }) : [];
    const files = [...result.files, ...findings];
    groupUnknownShortcodes(files);
    const report = formatReport(files, { quiet: values.quiet, color: process.stderr.isTTY === true });
    if (report) console.error(report);
    const counts = countMessages(files);
    const failed = counts.errors > 0 || (values.strict === true && counts.warnings > 0);
    if (!values.quiet || failed) {
      const pages = result.ok ? `${result.pages} pages would be written` : 'the build would fail';
      console.log(`onair check: ${pages}; ${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}${hugo ? ` (Hugo config: ${hugo.files.join(', ')})` : ''}; nothing written`);
    }
    return failed ? 1 : 0;
  },
};
