/** Error codes the CLI and library users can branch on. */
export type ErrorCode =
  | 'CONFIG'
  | 'USAGE'
  | 'SOURCE'
  | 'ENGINE'
  | 'CONNECTION'
  | 'LOAD'
  | 'TOO_MANY_REJECTS'
  | 'CHECK_FAILED'
  | 'AWS'
  | 'LOCKED'
  /** Refused to change data without an explicit flag (--force, --full-refresh, --add-source). */
  | 'REFUSED'
  /** A run stopped by a signal (Ctrl-C, SIGTERM) and rolled back. */
  | 'INTERRUPTED';

/** The one error type for problems a user can fix; the message says what to do. */
export class SparkifyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; transient?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SparkifyError';
    this.transient = options?.transient ?? false;
  }

  /** True when retrying the same call may succeed (throttling, a dropped connection). */
  readonly transient: boolean;
}

export function isSparkifyError(error: unknown): error is SparkifyError {
  return error instanceof SparkifyError;
}
