import { existsSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { OpenOptions } from '../engines/registry.js';
import { withWarehouse } from '../engines/with-warehouse.js';
import { SparkifyError } from '../errors.js';
import { isTransientError, retryTransient, type RetryPolicy } from '../retry.js';
import { checkSource } from '../sources/resolve-source.js';
import { createTables, tablesExist } from './create-tables.js';
import { loadUserChecks } from './load-user-checks.js';
import type { ProgressListener } from './progress.js';
import type { DateWindow } from '../sources/date-window.js';
import { runEtl } from './run-etl.js';
import { configFromSettings, inSettingTerms, type PipelineSettings } from './settings.js';
import type { RunSummary } from './summary.js';

export { configFromSettings, type PipelineSettings } from './settings.js';

/** How one run behaves, beside the configuration. */
export interface RunOptions {
  onProgress?: ProgressListener;
  fullRefresh?: boolean;
  addSource?: boolean;
  /** Aborting it stops the run: it rolls back and is recorded as interrupted. */
  signal?: AbortSignal;
  /** Backfill: load only the events of these days. */
  window?: DateWindow;
  keepStaging?: boolean;
  /** Told before a transient failure is retried. */
  onRetry?: RetryPolicy['onRetry'];
}

/** What `sparkify run` does: create the tables if missing, then stage, transform, check and publish. */
export async function runPipeline(settings: PipelineSettings = {}): Promise<RunSummary> {
  return inSettingTerms(async () => runPipelineWith(configFromSettings(settings), settings));
}

export async function runPipelineWith(config: Config, options: RunOptions = {}): Promise<RunSummary> {
  // A missing source fails here, before a warehouse file or table is created.
  await checkSource(config);
  loadUserChecks(config.checks); // refused before the warehouse is touched
  return retryRun(options, () =>
    withWarehouse(
      config,
      async (warehouse) => {
        if (!(await tablesExist(warehouse))) await createTables(warehouse, { drop: false });
        return runEtl(warehouse, config, options);
      },
      openOptions(options),
    ),
  );
}

/** A run is idempotent, so after a transient failure (dropped connection, throttling) the whole run is simply tried again. */
function retryRun<T>(options: RunOptions, fn: () => Promise<T>): Promise<T> {
  return retryTransient(fn, {
    attempts: 3,
    baseDelayMs: 2000,
    isTransient: isTransientError,
    onRetry: options.onRetry,
  });
}

/** What `sparkify etl` does: like runPipeline, but the tables must already exist. */
export async function runEtlOnly(config: Config, options: RunOptions = {}): Promise<RunSummary> {
  // Neither a missing warehouse file nor a missing source may leave a new empty file behind.
  if (config.target === 'duckdb' && config.database !== ':memory:' && !existsSync(config.database)) {
    throw new SparkifyError('ENGINE', `no warehouse at ${config.database} — run \`sparkify create-tables\` first (or \`sparkify run\`, which creates it)`);
  }
  await checkSource(config);
  loadUserChecks(config.checks); // refused before the warehouse is touched
  return retryRun(options, () =>
    withWarehouse(
      config,
      async (warehouse) => {
        if (!(await tablesExist(warehouse))) {
          throw new SparkifyError('ENGINE', `the warehouse tables are missing in ${warehouse.description} — run \`sparkify create-tables\` first (or \`sparkify run\`)`);
        }
        return runEtl(warehouse, config, options);
      },
      openOptions(options),
    ),
  );
}

/** Opening a DuckDB file another run holds waits; the progress listener hears about it. */
function openOptions(options: RunOptions): OpenOptions {
  return { onWait: (holder, secondsLeft) => options.onProgress?.({ phase: 'waiting', holder, secondsLeft }) };
}
