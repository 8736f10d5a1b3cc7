import type { Command } from './command.js';

type Loader = () => Promise<Command>;

/** Commands load lazily so `sparkify --help` never imports pg, DuckDB or the AWS SDK. */
export const commands: Record<string, { summary: string; load: Loader }> = {
  run: { summary: 'create tables if needed, load, transform, check, report', load: async () => (await import('./run-command.js')).default },
  'create-tables': { summary: 'drop (if present) and create staging + star schema', load: async () => (await import('./create-tables-command.js')).default },
  etl: { summary: 'stage + transform + check + publish into existing tables', load: async () => (await import('./etl-command.js')).default },
  analyze: { summary: 'run the named analytic queries', load: async () => (await import('./analyze-command.js')).default },
  dashboard: { summary: 'serve the analyses as a local web dashboard (charts, date filter, last run)', load: async () => (await import('./dashboard-command.js')).default },
  report: { summary: 'write the dashboard as one self-contained HTML file', load: async () => (await import('./report-command.js')).default },
  runs: { summary: 'list the etl runs recorded in the warehouse', load: async () => (await import('./runs-command.js')).default },
  rejects: { summary: 'list the records a run rejected: file or S3 key, line, reason, text', load: async () => (await import('./rejects-command.js')).default },
  export: {
    summary: 'write the star schema as a Parquet data lake (hive partitions, as the Spark version) to a folder or s3://',
    load: async () => (await import('./export-command.js')).default,
  },
  drift: { summary: 'list the fields in the data that no column takes (schema drift) of a run', load: async () => (await import('./drift-command.js')).default },
  infra: {
    summary: 'create, inspect or delete the AWS side: IAM role, Redshift cluster or serverless, network access',
    load: async () => (await import('./infra-command.js')).default,
  },
  sql: { summary: 'print the SQL of a run for a target (DDL, COPY, transform, checks) without connecting', load: async () => (await import('./sql-command.js')).default },
  generate: { summary: 'write a deterministic synthetic Sparkify sample', load: async () => (await import('./generate-command.js')).default },
};
