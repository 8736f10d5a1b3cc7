/** Engines the warehouse can live on. */
export const targets = ['duckdb', 'postgres', 'redshift'] as const;
export type Target = (typeof targets)[number];

/** The one typed, validated configuration every command works from. */
export interface Config {
  /** dwh.cfg that was read, if any. */
  configFile: string | undefined;
  target: Target;
  /** DuckDB: a file path (or `:memory:`); PostgreSQL: a connection URL. */
  database: string;
  schema: string;
  /** Folder or s3:// URL with the Udacity layout; logData/songData override each side. */
  source: string | undefined;
  logData: string | undefined;
  songData: string | undefined;
  logJsonPath: string | undefined;
  /** Fail the run when more records than this are rejected; undefined = no limit. */
  maxErrors: number | undefined;
  region: string;
  s3Endpoint: string | undefined;
  cluster: { host: string | undefined; dbName: string; dbUser: string; dbPassword: string | undefined; port: number };
  iamRoleArn: string | undefined;
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
