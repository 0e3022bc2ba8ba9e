// An error the user can fix (not a git repository, unknown ref, invalid
// config): the CLI prints its message as one line and exits with code 2.

export class CliUsageError extends Error {
  override name = "CliUsageError";
}
