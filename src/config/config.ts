/** Engines the warehouse can live on. */
export const targets = ['duckdb', 'postgres', 'redshift'] as const;
export type Target = (typeof targets)[number];

/** How sparkify reaches Redshift: the wire protocol, or the Redshift Data API. */
export type Via = 'pg' | 'data-api';

/** The one typed, validated configuration every command works from. */
export interface Config {
  /** dwh.cfg that was read, if any. */
  configFile: string | undefined;
  /** Where each setting that was given came from, by Config path (`source` → `--source`, `[LOCAL] SOURCE in ./dwh.cfg (line 3)` …), for errors. */
  origins: Record<string, string>;
  /** What was read but looks wrong and was ignored: an unknown dwh.cfg section or key, with the nearest known name. */
  warnings: string[];
  target: Target;
  /** DuckDB: a file path (or `:memory:`); PostgreSQL: a connection URL. */
  database: string;
  schema: string;
  /** Folder or s3:// URL with the Udacity layout; logData/songData override each side. */
  source: string | undefined;
  logData: string | undefined;
  songData: string | undefined;
  logJsonPath: string | undefined;
  /** The user's own checks: a file of `-- check: NAME` blocks, run with the built-in checks. */
  checks: string | undefined;
  /** Fail the run when more records than this are rejected; undefined = no limit. */
  maxErrors: number | undefined;
  /** DuckDB's memory limit (e.g. `1536MB`; empty: 400 MB); beyond it DuckDB spills to disk. */
  duckdbMemoryLimit: string;
  /** How long a run waits for another run on the same warehouse to finish. */
  lockWaitSeconds: number;
  region: string;
  /** Local copies of S3 objects, keyed by ETag. */
  cacheDir: string;
  s3Endpoint: string | undefined;
  /** SPARKIFY_S3_UNSIGNED: anonymous (unsigned) S3 requests, for public buckets. */
  s3Unsigned: boolean;
  /** dwh.cfg [S3] LOG_DATA / SONG_DATA: where COPY reads from when no source is given (the seeds' keys). */
  s3: { logData: string | undefined; songData: string | undefined };
  /** dwh.cfg [AWS] KEY / SECRET (the seeds carry them); otherwise the AWS default credential chain. */
  aws: { accessKeyId: string | undefined; secretAccessKey: string | undefined };
  cluster: { host: string | undefined; dbName: string; dbUser: string; dbPassword: string | undefined; port: number };
  /** dwh.cfg [POSTGRES]: a URL, or its parts; used when target postgres has no --database / SPARKIFY_DATABASE_URL. */
  postgres: { url: string | undefined; host: string | undefined; port: number; dbName: string | undefined; dbUser: string | undefined; dbPassword: string | undefined };
  iamRoleArn: string | undefined;
  /**
   * Redshift: `pg` (pg-wire, needs HOST) or `data-api` (IAM, no open port; the default when HOST is empty); serverless workgroup; Secrets Manager ARN; writable s3:// prefix for COPY manifests;
   * writable s3:// prefix where many small source files are compacted into a few gzip files before COPY, and whether to keep those.
   */
  redshift: {
    via: Via | undefined;
    workgroup: string | undefined;
    secretArn: string | undefined;
    stagingPrefix: string | undefined;
    compactTo: string | undefined;
    keepCompacted: boolean;
  };
  dwh: {
    clusterType: string;
    numNodes: number;
    nodeType: string;
    clusterIdentifier: string;
    db: string;
    dbUser: string;
    dbPassword: string | undefined;
    port: number;
    iamRoleName: string;
  };
}

export const defaultDuckdbFile = 'sparkify.duckdb';
