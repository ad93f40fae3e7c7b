/**
 * The error deploys reject with for problems the user must fix (no build,
 * not a git repository, a push refused); the command prints it and exits 1.
 */

/** A deploy problem the user can fix; `message` says what and what to do. */
export class DeployError extends Error {
  override name = 'DeployError';
}
