import type { OptionSpec } from './command.js';

/** Flags every warehouse command takes. */
export const warehouseOptions: Record<string, OptionSpec> = {
  target: { type: 'string', description: 'duckdb (default), postgres or redshift', placeholder: 'ENGINE' },
  database: { type: 'string', description: 'DuckDB file (default sparkify.duckdb) or PostgreSQL URL', placeholder: 'FILE|URL' },
  schema: { type: 'string', description: 'schema of the warehouse tables (default main / public)', placeholder: 'NAME' },
  config: { type: 'string', description: 'dwh.cfg to read (default ./dwh.cfg when present)', placeholder: 'FILE' },
  'lock-wait': { type: 'string', description: 'seconds to wait for another run on the same warehouse (default 10)', placeholder: 'S' },
  via: {
    type: 'string',
    description: 'Redshift connection: pg (pg-wire to [CLUSTER] HOST) or data-api (IAM, no open port; default when HOST is empty)',
    placeholder: 'pg|data-api',
  },
};

/** Flags of the commands that load data. */
export const loadOptions: Record<string, OptionSpec> = {
  source: { type: 'string', description: 'folder with log_data/ and song_data/ (Udacity layout)', placeholder: 'DIR' },
  'log-data': { type: 'string', description: 'event logs folder (overrides --source)', placeholder: 'DIR' },
  'song-data': { type: 'string', description: 'song files folder (overrides --source)', placeholder: 'DIR' },
  'max-errors': { type: 'string', description: 'fail, leaving the warehouse as it was, when more records are rejected', placeholder: 'N' },
  's3-endpoint': { type: 'string', description: 'S3-compatible endpoint for s3:// sources (path-style)', placeholder: 'URL' },
  region: { type: 'string', description: 'AWS region of the S3 source / Redshift (default us-west-2)', placeholder: 'REGION' },
  'staging-prefix': { type: 'string', description: 'Redshift: writable s3:// prefix for COPY manifest files ([S3] MANIFEST_PREFIX)', placeholder: 'S3URL' },
  'compact-to': {
    type: 'string',
    description: 'Redshift: merge many small source files into a few gzip files under this writable s3:// prefix before COPY ([S3] COMPACT_TO)',
    placeholder: 'S3URL',
  },
  'keep-compacted': { type: 'boolean', description: 'Redshift: keep the compacted files after a successful COPY (default: delete them)' },
  'cache-dir': { type: 'string', description: 'local cache of S3 objects (default .sparkify/cache)', placeholder: 'DIR' },
  'full-refresh': {
    type: 'boolean',
    description: 'reload every file and rebuild the star schema (default: only new or changed files); also replaces the source the warehouse remembers',
  },
  'add-source': { type: 'boolean', description: 'load a second source into a warehouse loaded from another one (otherwise refused)' },
  'keep-staging': { type: 'boolean', description: 'leave the staged rows in the staging tables for inspection (DuckDB stages into temporary tables otherwise)' },
  checks: {
    type: 'string',
    description: 'your own checks: "-- check: NAME" blocks, each one SELECT counting violating rows; run with the built-in checks ([LOCAL] CHECKS)',
    placeholder: 'FILE',
  },
  json: { type: 'boolean', description: 'print one JSON object instead of the summary table' },
};
