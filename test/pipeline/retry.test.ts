import { describe, expect, it } from 'vitest';
import { SparkifyError } from '../../src/errors.js';
import { isTransientError, retryTransient } from '../../src/retry.js';

const policy = (notes: string[]) => ({
  attempts: 3,
  baseDelayMs: 10,
  isTransient: isTransientError,
  onRetry: ({ attempt }: { attempt: number }) => notes.push(`retry after ${attempt}`),
  sleep: async () => undefined,
});

describe('retries', () => {
  it('retries a transient failure and then succeeds', async () => {
    const notes: string[] = [];
    let calls = 0;
    const result = await retryTransient(async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'ok';
    }, policy(notes));
    expect(result).toBe('ok');
    expect(notes).toEqual(['retry after 1', 'retry after 2']);
  });

  it('never retries a terminal failure', async () => {
    const notes: string[] = [];
    let calls = 0;
    const failing = retryTransient(async () => {
      calls += 1;
      throw new SparkifyError('CONNECTION', 'password authentication failed');
    }, policy(notes));
    await expect(failing).rejects.toThrow('password authentication failed');
    expect(calls).toBe(1);
  });

  it('says the error was transient when it outlasts the attempts', async () => {
    const failing = retryTransient(async () => {
      throw new SparkifyError('CONNECTION', 'server closed the connection', { transient: true });
    }, policy([]));
    await expect(failing).rejects.toThrow('server closed the connection (transient error, still failing after 3 attempts)');
  });
});
