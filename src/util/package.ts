/**
 * onair's own package: its folder and version. Every module that needs them
 * imports this one, two folders below the package root wherever it runs
 * from (`src/util/`, `dist/util/`, or the bundles in `dist/bundle/`), so the
 * paths hold in each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** onair's own folder (the package root). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package version, from package.json. */
export const packageVersion: string = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
