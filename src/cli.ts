/**
 * `onair` command line: dispatches to the subcommands in `src/commands/`.
 */
import { packageVersion } from './util/package.js';
import { commands } from './commands/index.js';
import { UsageError } from './commands/types.js';

/** The package version, from package.json. */
export const version: string = packageVersion;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: onair <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (also `onair <command> --help`)',
    '  -v, --version  Show the version',
  ].join('\n');
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    console.log(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    console.log(version);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    console.error(`onair: unknown command \`${first}\`\n\n${help()}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`onair ${command.name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
