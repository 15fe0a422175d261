/** Exit codes shared by both programs; documented in the README. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  inconclusive: 3,
  cancelled: 130,
} as const;

/**
 * A problem with how the program was invoked or configured. Its message is one line, shown as-is,
 * and the program exits with {@link EXIT.usage}.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
