import type { RunSummary } from '../pipeline/summary.js';
import { redactSecrets } from '../redact.js';
import type { CliIO } from './command.js';
import { formatSummary } from './print-summary.js';

export function printRunResult(summary: RunSummary, io: CliIO, json: boolean): void {
  const text = json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary);
  io.stdout.write(redactSecrets(text));
}
