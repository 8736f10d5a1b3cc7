import type { RunOptions } from '../pipeline/run-pipeline.js';
import type { CliIO, ParsedArgs } from './command.js';
import { progressPrinter } from './progress-printer.js';
import { retryNotice } from './retry-notice.js';
import { windowFromArgs } from './window-options.js';

/** How `run` and `etl` behave, from their flags: progress, refresh, second source, staging, window. */
export function runOptionsFromArgs(args: ParsedArgs, io: CliIO, signal: AbortSignal): RunOptions {
  return {
    onProgress: progressPrinter(io, args.options.json === true),
    fullRefresh: args.options['full-refresh'] === true,
    addSource: args.options['add-source'] === true,
    keepStaging: args.options['keep-staging'] === true,
    window: windowFromArgs(args),
    onRetry: retryNotice(io),
    signal,
  };
}
