import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { SparkifyError } from '../errors.js';
import type { RetryPolicy } from '../retry.js';
import { nearestName } from '../nearest-name.js';
import type { DateWindow } from '../sources/date-window.js';
import type { ProgressListener } from './progress.js';

/**
 * What a library user passes: every setting the CLI has, by name. Unset ones come from dwh.cfg
 * and SPARKIFY_*. Settings dwh.cfg and SPARKIFY_* carry but no flag does (DuckDB's memory limit,
 * unsigned S3 requests, a Redshift JSONPaths file) are passed as `env` variables, as on the command line.
 */
export interface PipelineSettings {
  source?: string;
  logData?: string;
  songData?: string;
  target?: Config['target'];
  database?: string;
  schema?: string;
  /** Fail, leaving the warehouse as it was, when more records than this are rejected. */
  maxErrors?: number;
  /** A file of your own checks (`-- check: NAME` blocks), run with the built-in checks. */
  checks?: string;
  /** Seconds to wait for another run on the same warehouse (default 10). */
  lockWaitSeconds?: number;
  region?: string;
  s3Endpoint?: string;
  cacheDir?: string;
  /** Redshift: `pg` or `data-api`. */
  via?: string;
  stagingPrefix?: string;
  compactTo?: string;
  keepCompacted?: boolean;
  configFile?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: ProgressListener;
  /** Told before a transient failure is retried. */
  onRetry?: RetryPolicy['onRetry'];
  fullRefresh?: boolean;
  /** Load a second source into a warehouse loaded from another one, on purpose. */
  addSource?: boolean;
  /** Backfill: load only the events of these days (`{ from, to }`, YYYY-MM-DD, both included). */
  window?: DateWindow;
  /** Leave the staged rows in the schema's staging tables (DuckDB otherwise stages into temporary tables). */
  keepStaging?: boolean;
}

type Kind = 'string' | 'number' | 'boolean' | 'function' | 'object';

/** Each setting: its type and the CLI flag it stands for (library errors name the setting, not the flag). */
const settingSpecs: Record<keyof PipelineSettings, { kind: Kind; flag?: string }> = {
  source: { kind: 'string', flag: 'source' },
  logData: { kind: 'string', flag: 'log-data' },
  songData: { kind: 'string', flag: 'song-data' },
  target: { kind: 'string', flag: 'target' },
  database: { kind: 'string', flag: 'database' },
  schema: { kind: 'string', flag: 'schema' },
  maxErrors: { kind: 'number', flag: 'max-errors' },
  checks: { kind: 'string', flag: 'checks' },
  lockWaitSeconds: { kind: 'number', flag: 'lock-wait' },
  region: { kind: 'string', flag: 'region' },
  s3Endpoint: { kind: 'string', flag: 's3-endpoint' },
  cacheDir: { kind: 'string', flag: 'cache-dir' },
  via: { kind: 'string', flag: 'via' },
  stagingPrefix: { kind: 'string', flag: 'staging-prefix' },
  compactTo: { kind: 'string', flag: 'compact-to' },
  keepCompacted: { kind: 'boolean', flag: 'keep-compacted' },
  configFile: { kind: 'string', flag: 'config' },
  cwd: { kind: 'string' },
  env: { kind: 'object' },
  onProgress: { kind: 'function' },
  onRetry: { kind: 'function' },
  fullRefresh: { kind: 'boolean', flag: 'full-refresh' },
  addSource: { kind: 'boolean', flag: 'add-source' },
  keepStaging: { kind: 'boolean', flag: 'keep-staging' },
  window: { kind: 'object' },
};

/** Fails on an unknown setting or a value of the wrong type: plain JavaScript has no compiler to catch them. */
export function checkSettings(settings: unknown): PipelineSettings {
  if (settings === undefined) return {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new SparkifyError('USAGE', `settings must be an object, got ${Array.isArray(settings) ? 'an array' : String(settings)}`);
  }
  const known = Object.keys(settingSpecs);
  for (const [key, value] of Object.entries(settings)) {
    const spec = settingSpecs[key as keyof PipelineSettings];
    if (!spec) {
      const near = nearestName(key, known);
      throw new SparkifyError('USAGE', `unknown setting "${key}"${near ? ` — did you mean "${near}"?` : ''}; known: ${known.join(', ')}`);
    }
    if (value === undefined) continue;
    const ok =
      spec.kind === 'number'
        ? typeof value === 'number' && Number.isInteger(value) && value >= 0
        : spec.kind === 'object'
          ? typeof value === 'object' && value !== null
          : typeof value === spec.kind;
    if (!ok) throw new SparkifyError('USAGE', `setting "${key}" must be ${describeKind(spec.kind)}, got ${JSON.stringify(value) ?? typeof value}`);
  }
  return settings as PipelineSettings;
}

const describeKind = (kind: Kind) => (kind === 'number' ? 'a whole number of 0 or more' : kind === 'object' ? 'an object' : `a ${kind}`);

/** The Config for library settings: the same layering as the CLI (dwh.cfg, SPARKIFY_*, then these). */
export function configFromSettings(input: PipelineSettings): Config {
  const settings = checkSettings(input);
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [key, spec] of Object.entries(settingSpecs)) {
    const value = settings[key as keyof PipelineSettings];
    if (!spec.flag || value === undefined || spec.kind === 'function') continue;
    flags[spec.flag] = typeof value === 'boolean' ? value : String(value);
  }
  return inSettingTerms(() => loadConfig({ cwd: settings.cwd ?? process.cwd(), env: settings.env ?? process.env, flags, configFile: settings.configFile }));
}

const settingOfFlag = new Map(Object.entries(settingSpecs).flatMap(([key, spec]) => (spec.flag ? [[spec.flag, key] as const] : [])));

/** A message in library terms: `--max-errors` becomes the `maxErrors` setting; a flag with no setting is left as it is. */
export function settingTerms(message: string): string {
  return message.replace(/`?--([a-z][a-z0-9-]*)( [A-Z][A-Z|]*)?`?/g, (whole, flag: string) => {
    const setting = settingOfFlag.get(flag);
    return setting ? `the ${setting} setting` : whole;
  });
}

/** Runs `fn`, rewording any SparkifyError it throws in library terms. */
export function inSettingTerms<T>(fn: () => T): T {
  try {
    const result = fn();
    if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(reword(error))) as T;
    return result;
  } catch (error) {
    throw reword(error);
  }
}

function reword(error: unknown): unknown {
  if (error instanceof SparkifyError) error.message = settingTerms(error.message);
  return error;
}
