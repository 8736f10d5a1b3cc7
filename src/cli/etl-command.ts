import { runEtlOnly } from '../pipeline/run-pipeline.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { loadOptions, warehouseOptions } from './common-options.js';
import { interruptible } from './interruptible.js';
import { printRunResult } from './print-run-result.js';
import { runOptionsFromArgs } from './run-options.js';
import { windowOptions } from './window-options.js';

export default defineCommand({
  name: 'etl',
  description: 'Stage the source, transform it into the existing star schema, check and publish, in one transaction.',
  usage: '[DIR] [options]',
  positionals: 'source',
  options: { ...warehouseOptions, ...loadOptions, ...windowOptions },
  async run(args, io) {
    const config = cliConfig(args, io);
    const json = args.options.json === true;
    return interruptible('etl', io, async (signal) => {
      const summary = await runEtlOnly(config, runOptionsFromArgs(args, io, signal));
      printRunResult(summary, io, json);
      return 0;
    });
  },
});
