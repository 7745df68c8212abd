/** Process exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
/** Bad usage or configuration: nothing was attempted. */
export const EXIT_USAGE = 2;

/** A command line that cannot be run as given; ends the process with EXIT_USAGE. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
