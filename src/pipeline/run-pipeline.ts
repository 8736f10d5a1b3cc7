import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { openWarehouse } from '../engines/registry.js';
import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { isTransientError, retryTransient, type RetryPolicy } from '../retry.js';
import { createTables, tablesExist } from './create-tables.js';
import type { ProgressListener } from './progress.js';
import { runEtl } from './run-etl.js';
import type { RunSummary } from './summary.js';

/** Settings a library user passes; the same names as the CLI flags. Unset ones come from dwh.cfg and SPARKIFY_*. */
export interface PipelineSettings {
  source?: string;
  logData?: string;
  songData?: string;
  target?: Config['target'];
  database?: string;
  schema?: string;
  maxErrors?: number;
  configFile?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: ProgressListener;
  fullRefresh?: boolean;
  /** Leave the staged rows in the schema's staging tables (DuckDB otherwise stages into temporary tables). */
  keepStaging?: boolean;
}

/** How one run behaves, beside the configuration. */
export interface RunOptions {
  onProgress?: ProgressListener;
  fullRefresh?: boolean;
  keepStaging?: boolean;
  /** Told before a transient failure is retried. */
  onRetry?: RetryPolicy['onRetry'];
}

export function configFromSettings(settings: PipelineSettings): Config {
  const flags: Record<string, string | undefined> = {
    source: settings.source,
    'log-data': settings.logData,
    'song-data': settings.songData,
    target: settings.target,
    database: settings.database,
    schema: settings.schema,
    'max-errors': settings.maxErrors === undefined ? undefined : String(settings.maxErrors),
  };
  return loadConfig({ cwd: settings.cwd ?? process.cwd(), env: settings.env ?? process.env, flags, configFile: settings.configFile });
}

/** Opens the configured warehouse, runs `fn`, and always closes it. */
export async function withWarehouse<T>(config: Config, fn: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(config);
  try {
    return await fn(warehouse);
  } finally {
    await warehouse.close();
  }
}

/** What `sparkify run` does: create the tables if missing, then stage, transform, check and publish. */
export async function runPipeline(settings: PipelineSettings = {}): Promise<RunSummary> {
  return runPipelineWith(configFromSettings(settings), settings);
}

export async function runPipelineWith(config: Config, options: RunOptions = {}): Promise<RunSummary> {
  return retryRun(options, () =>
    withWarehouse(config, async (warehouse) => {
      if (!(await tablesExist(warehouse))) await createTables(warehouse, { drop: false });
      return runEtl(warehouse, config, options);
    }),
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
  return retryRun(options, () =>
    withWarehouse(config, async (warehouse) => {
      if (!(await tablesExist(warehouse))) {
        throw new SparkifyError('ENGINE', `the warehouse tables are missing in ${warehouse.description} — run \`sparkify create-tables\` first (or \`sparkify run\`)`);
      }
      return runEtl(warehouse, config, options);
    }),
  );
}
