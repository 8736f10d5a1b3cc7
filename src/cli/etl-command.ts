import { runEtlOnly } from '../pipeline/run-pipeline.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { loadOptions, warehouseOptions } from './common-options.js';
import { printRunResult } from './print-run-result.js';
import { progressPrinter } from './progress-printer.js';
import { retryNotice } from './retry-notice.js';

export default defineCommand({
  name: 'etl',
  description: 'Stage the source, transform it into the existing star schema, check and publish, in one transaction.',
  options: { ...warehouseOptions, ...loadOptions },
  async run(args, io) {
    const config = cliConfig(args, io);
    const json = args.options.json === true;
    const summary = await runEtlOnly(config, { onProgress: progressPrinter(io, json), fullRefresh: args.options['full-refresh'] === true, keepStaging: args.options['keep-staging'] === true, onRetry: retryNotice(io) });
    printRunResult(summary, io, json);
    return 0;
  },
});
