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
    options?: { cause?: unknown; transient?: boolean; runId?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SparkifyError';
    this.transient = options?.transient ?? false;
    this.runId = options?.runId;
  }

  /** The etl run this error ended, when it ended one (its etl_runs row says `failed`). */
  runId: string | undefined;

  /** True when retrying the same call may succeed (throttling, a dropped connection). */
  readonly transient: boolean;
}

export function isSparkifyError(error: unknown): error is SparkifyError {
  return error instanceof SparkifyError;
}

const runIds = new WeakMap<object, string>();

/** Remembers which run an error ended (any error: an engine's own included), for `--json` and library callers. */
export function tagRunId<T>(error: T, runId: string): T {
  if (error instanceof SparkifyError) error.runId ??= runId;
  else if (typeof error === 'object' && error !== null) runIds.set(error, runId);
  return error;
}

/** The run an error ended, if it ended one. */
export function runIdOf(error: unknown): string | undefined {
  if (error instanceof SparkifyError) return error.runId;
  return typeof error === 'object' && error !== null ? runIds.get(error) : undefined;
}
