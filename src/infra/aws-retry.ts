import { retryTransient, sleep } from '../retry.js';
import { isTransientAwsError } from './aws-errors.js';

/** How AWS calls are retried: total attempts, the first pause, and the sleep (tests pass a no-op). */
export interface RetryOptions {
  /** Total attempts, first included. */
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

// On top of the SDK's own three attempts: rides out a throttling burst of a few seconds.
export const defaultRetry: RetryOptions = { attempts: 4, baseDelayMs: 500, sleep };

/** An AWS call, tried again after a growing, jittered pause while it fails with a transient AWS error. */
export function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = defaultRetry): Promise<T> {
  return retryTransient(fn, { ...options, isTransient: isTransientAwsError });
}
