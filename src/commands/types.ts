/** A CLI subcommand. Each lives in its own module under `src/commands/`. */
export interface Command {
  /** Word after `onair` (`build`, `dev`, …). */
  name: string;
  /** One line for `onair --help`. */
  summary: string;
  /** Full usage text for `onair NAME --help`. */
  usage: string;
  /**
   * Runs the command with the arguments after its name.
   * Resolves to the exit code: 0 success, 1 content errors, 2 bad usage.
   */
  run(argv: string[]): Promise<number>;
}

/** Thrown for bad command-line usage; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
