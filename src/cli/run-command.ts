import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { runPipelineWith } from '../pipeline/run-pipeline.js';
import type { Config } from '../config/config.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type CliIO } from './command.js';
import { loadOptions, warehouseOptions } from './common-options.js';
import { printRunResult } from './print-run-result.js';
import { progressPrinter } from './progress-printer.js';
import { retryNotice } from './retry-notice.js';

const sampleDir = (cwd: string) => join(cwd, '.sparkify', 'sample');

/** With no source at all, make a small realistic sample once, so `npm start` works on a fresh clone. */
async function ensureSource(config: Config, io: CliIO, quiet: boolean): Promise<void> {
  if (config.target === 'redshift' || config.source || config.logData || config.songData) return;
  const dir = sampleDir(io.cwd);
  if (!existsSync(join(dir, 'log_data'))) {
    const { generateSample } = await import('../generate/index.js');
    if (!quiet) io.stderr.write(`no --source given: generating a sample in ${dir}\n`);
    await generateSample({ outDir: dir, events: 20_000, songs: 600, seed: 42 });
  }
  config.source = dir;
}

export default defineCommand({
  name: 'run',
  description: 'Create the tables if needed, then stage, transform, check and publish (a small generated sample when no source is given).',
  options: { ...warehouseOptions, ...loadOptions },
  async run(args, io) {
    const config = cliConfig(args, io);
    const json = args.options.json === true;
    await ensureSource(config, io, json);
    const summary = await runPipelineWith(config, { onProgress: progressPrinter(io, json), fullRefresh: args.options['full-refresh'] === true, keepStaging: args.options['keep-staging'] === true, onRetry: retryNotice(io) });
    printRunResult(summary, io, json);
    return 0;
  },
});
