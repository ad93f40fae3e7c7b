/**
 * `onair build`: builds the site once and prints the report.
 */
import { parseArgs } from 'node:util';
import { build } from '../build.js';
import { groupUnknownShortcodes } from '../hugo/unknown.js';
import { countMessages, countOf, formatReport } from '../report.js';
import { unknownShortcodesFlag } from './check.js';
import type { Command } from './types.js';

const usage = `Usage: onair build [options]

Builds the site in ROOT into ROOT/public.

Options:
  --root DIR       Site folder (default: the current folder)
  --content DIR    Content folder (default: ROOT/content)
  --out DIR        Output folder (default: ROOT/public)
  --base-url URL   URL the site is served from, path included
  --drafts         Include drafts
  --future         Include posts dated in the future
  --expired        Include expired posts
  --strict         Treat warnings as errors (for CI)
  --unknown-shortcodes=warn
                   Build anyway when a shortcode is unknown (a visible placeholder)
  --quiet          Print only errors
  --no-cache       Ignore and do not fill the build cache (ROOT/.onair-cache)
  --no-search      Do not build the search index (Pagefind): faster, less memory
  -h, --help       Show this help

Exit codes: 0 built, 1 content errors (previous output kept), 2 bad usage.`;

/** Formats milliseconds for people. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the site into public/',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        root: { type: 'string' },
        content: { type: 'string' },
        out: { type: 'string' },
        'base-url': { type: 'string' },
        drafts: { type: 'boolean' },
        future: { type: 'boolean' },
        expired: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'no-search': { type: 'boolean' },
        'unknown-shortcodes': { type: 'string' },
      },
    });
    const unknown = unknownShortcodesFlag(values['unknown-shortcodes']);
    const tty = process.stdout.isTTY === true && !values.quiet;
    const started = performance.now();
    let lastDraw = 0;
    const result = await build({
      root: values.root,

      baseUrl: values['base-url'],
      drafts: values.drafts,
      future: values.future,
      expired: values.expired,
      strict: values.strict,
      cache: !values['no-cache'],
      search: !values['no-search'],
      // As config overrides, so the folders are checked with the config's (`outDir` never holding the site).
      config: {
        ...(unknown ? { unknownShortcodes: unknown } : {}),
        ...(values.content === undefined ? {} : { contentDir: values.content }),
        ...(values.out === undefined ? {} : { outDir: values.out }),
      },
      onProgress: tty
        ? (done, total) => {
            const now = performance.now();
            if (done !== total && now - lastDraw < 100) return;
            lastDraw = now;
            process.stdout.write(`\r\x1b[Kbuilding: ${done}/${total} posts, ${formatDuration(now - started)}`);
          }
        : undefined,
    });
    if (tty) process.stdout.write('\r\x1b[K');
    // One message per unknown shortcode name, as `onair check` prints them; the counts follow the report.
    groupUnknownShortcodes(result.files);
    const counts = countMessages(result.files);
    const report = formatReport(result.files, { quiet: values.quiet, color: process.stderr.isTTY === true });
    if (report) console.error(report);
    if (!result.ok) {
      console.error(`onair: build failed (${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}); ${result.outDir} was left as it was`);
      return 1;
    }
    if (!values.quiet) {
      console.log(`onair: ${result.pages} pages (${result.written} files) in ${formatDuration(result.time)}, ${countOf(counts.warnings, 'warning')} → ${result.outDir}`);
    }
    return 0;
  },
};
