import { isTransientAwsError } from './aws-errors.js';

export interface RetryOptions {
  /** Total attempts, first included. */
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// On top of the SDK's own three attempts: rides out a throttling burst of a few seconds.
export const defaultRetry: RetryOptions = { attempts: 4, baseDelayMs: 500, sleep };

/** Calls `fn` again after a growing, jittered pause while it fails with a transient error. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = defaultRetry): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= options.attempts || !isTransientAwsError(error)) throw error;
      const ceiling = options.baseDelayMs * 2 ** (attempt - 1);
      await options.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}
