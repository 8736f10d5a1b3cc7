import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { runPipelineWith } from '../pipeline/run-pipeline.js';
import { defaultDuckdbFile, type Config } from '../config/config.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type CliIO, type ParsedArgs } from './command.js';
import { loadOptions, warehouseOptions } from './common-options.js';
import { interruptible } from './interruptible.js';
import { printRunResult } from './print-run-result.js';
import { runOptionsFromArgs } from './run-options.js';
import { windowOptions } from './window-options.js';

const sampleDir = (cwd: string) => join(cwd, '.sparkify', 'sample');
/** The generated sample's own warehouse, so loading real data into sparkify.duckdb never meets it. */
const sampleDatabase = (cwd: string) => join(cwd, '.sparkify', 'sample.duckdb');

/**
 * With no source at all, make a small realistic sample once, so `npm start` works on a fresh
 * clone; it loads into its own file unless a database was named.
 */
async function ensureSource(config: Config, args: ParsedArgs, io: CliIO, quiet: boolean): Promise<void> {
  if (config.target === 'redshift' || config.source || config.logData || config.songData) return;
  // A run that cannot reach its warehouse fails before it spends time generating a sample.
  if (config.target === 'postgres') (await import('../engines/postgres/pg-connect.js')).checkUrl(config.database);
  const dir = sampleDir(io.cwd);
  if (config.target === 'duckdb' && args.options.database === undefined && !io.env.SPARKIFY_DATABASE && config.database === resolve(io.cwd, defaultDuckdbFile)) {
    config.database = sampleDatabase(io.cwd);
  }
  if (!existsSync(join(dir, 'log_data'))) {
    const { generateSample } = await import('../generate/index.js');
    if (!quiet) io.stderr.write(`no --source given: generating a sample in ${dir}\n`);
    await generateSample({ outDir: dir, events: 20_000, songs: 600, seed: 42 });
  }
  if (!quiet) io.stderr.write(`loading the generated sample into ${config.database} (give --source DIR to load your own data)\n`);
  config.source = dir;
}

export default defineCommand({
  name: 'run',
  description: 'Create the tables if needed, then stage, transform, check and publish (a small generated sample when no source is given).',
  usage: '[DIR] [options]',
  positionals: 'source',
  options: { ...warehouseOptions, ...loadOptions, ...windowOptions },
  async run(args, io) {
    const config = cliConfig(args, io);
    const json = args.options.json === true;
    await ensureSource(config, args, io, json);
    return interruptible('run', io, async (signal) => {
      const summary = await runPipelineWith(config, runOptionsFromArgs(args, io, signal));
      printRunResult(summary, io, json);
      return 0;
    });
  },
});
