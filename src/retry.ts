import { isSparkifyError, SparkifyError } from './errors.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  isTransient(error: unknown): boolean;
  onRetry?(info: { attempt: number; attempts: number; delayMs: number; error: unknown }): void;
  sleep?(ms: number): Promise<void>;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Calls `fn` again, after a growing jittered pause, while it fails with a transient error;
 * a terminal error, or the last attempt's, is thrown with its kind said in the message.
 */
export async function retryTransient<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const transient = policy.isTransient(error);
      if (!transient || attempt >= policy.attempts) throw labelled(error, transient, attempt);
      const ceiling = policy.baseDelayMs * 2 ** (attempt - 1);
      const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      policy.onRetry?.({ attempt, attempts: policy.attempts, delayMs, error });
      await (policy.sleep ?? sleep)(delayMs);
    }
  }
}

function labelled(error: unknown, transient: boolean, attempts: number): unknown {
  if (!transient || !isSparkifyError(error)) return error;
  return new SparkifyError(error.code, `${error.message} (transient error, still failing after ${attempts} attempts)`, { cause: error, transient: true });
}

/** Errors worth another try: a SparkifyError marked transient, or a dropped network connection. */
export function isTransientError(error: unknown): boolean {
  if (isSparkifyError(error)) return error.transient;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '40001', '40P01', '53300'].includes(code);
}
