/**
 * Every CLI subcommand, in the order `onair --help` lists them.
 * Add a command by writing `src/commands/NAME.ts` and listing it here.
 */
import type { Command } from './types.js';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { cleanCommand } from './clean.js';
import { devCommand } from './dev.js';
import { previewCommand } from './preview.js';
import { deployCommand } from './deploy.js';
import { initCommand } from './init.js';
import { newCommand } from './new.js';

export const commands: Command[] = [buildCommand, checkCommand, devCommand, previewCommand, newCommand, deployCommand, initCommand, cleanCommand];
