#!/usr/bin/env node
// The published entry point: runs the compiled CLI (dist/ is built by `npm run build`,
// which `npm ci` runs through the `prepare` script). `npm run build` also bundles the
// CLI into one file (`dist/bundle/cli.js`), which starts in about half the time of the
// ~600 modules it is made of; a bundle older than the compiled modules (`tsc` run
// alone) is not used.
import fs from 'node:fs';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const modules = new URL('../dist/cli.js', import.meta.url);
const bundled = fs.statSync(bundle, { throwIfNoEntry: false });
const { main } = await import((bundled && bundled.mtimeMs >= fs.statSync(modules).mtimeMs ? bundle : modules).href);

process.exitCode = await main(process.argv.slice(2));
