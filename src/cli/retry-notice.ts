import type { RetryPolicy } from '../retry.js';
import { redactSecrets } from '../redact.js';
import type { CliIO } from './command.js';
import { clearLine } from './status-line.js';

/** One stderr line per retried transient failure, so a slow run says why it is slow. */
export function retryNotice(io: CliIO): NonNullable<RetryPolicy['onRetry']> {
  return ({ attempt, attempts, delayMs, error }) => {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${io.stderr.isTTY ? clearLine : ''}sparkify: transient error (${redactSecrets(message)}) — retrying in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${attempts})\n`,
    );
  };
}
