import type { Config } from './config.js';

type Parser = 'string' | 'int' | 'count' | 'target' | 'bool' | 'via';

/** One setting: where it lives in dwh.cfg, its env variable and flag, and how to read it. */
export interface ConfigField {
  /** Dotted path into Config. */
  path: string;
  ini?: [section: string, key: string];
  env?: string;
  flag?: string;
  parse: Parser;
  secret?: boolean;
}

/**
 * Every setting, declared once. Precedence: flag > SPARKIFY_* env > dwh.cfg > default.
 * The [CLUSTER], [IAM_ROLE], [S3] and [DWH] keys are those of the seeds' dwh.cfg.
 */
export const configFields: ConfigField[] = [
  { path: 'target', ini: ['LOCAL', 'TARGET'], env: 'SPARKIFY_TARGET', flag: 'target', parse: 'target' },
  { path: 'database', ini: ['LOCAL', 'DATABASE'], env: 'SPARKIFY_DATABASE', flag: 'database', parse: 'string', secret: true },
  { path: 'schema', ini: ['LOCAL', 'SCHEMA'], env: 'SPARKIFY_SCHEMA', flag: 'schema', parse: 'string' },
  { path: 'source', ini: ['LOCAL', 'SOURCE'], env: 'SPARKIFY_SOURCE', flag: 'source', parse: 'string' },
  { path: 'logData', env: 'SPARKIFY_LOG_DATA', flag: 'log-data', parse: 'string' },
  { path: 'songData', env: 'SPARKIFY_SONG_DATA', flag: 'song-data', parse: 'string' },
  { path: 'logJsonPath', ini: ['S3', 'LOG_JSONPATH'], env: 'SPARKIFY_LOG_JSONPATH', parse: 'string' },
  { path: 'maxErrors', ini: ['LOCAL', 'MAX_ERRORS'], env: 'SPARKIFY_MAX_ERRORS', flag: 'max-errors', parse: 'count' },
  { path: 'checks', ini: ['LOCAL', 'CHECKS'], env: 'SPARKIFY_CHECKS', flag: 'checks', parse: 'string' },
  { path: 'duckdbMemoryLimit', ini: ['LOCAL', 'DUCKDB_MEMORY_LIMIT'], env: 'SPARKIFY_DUCKDB_MEMORY_LIMIT', parse: 'string' },
  { path: 'lockWaitSeconds', ini: ['LOCAL', 'LOCK_WAIT_SECONDS'], env: 'SPARKIFY_LOCK_WAIT_SECONDS', flag: 'lock-wait', parse: 'count' },
  { path: 'region', ini: ['AWS', 'REGION'], env: 'SPARKIFY_REGION', flag: 'region', parse: 'string' },
  { path: 'cacheDir', ini: ['LOCAL', 'CACHE_DIR'], env: 'SPARKIFY_CACHE_DIR', flag: 'cache-dir', parse: 'string' },
  { path: 's3Endpoint', env: 'SPARKIFY_S3_ENDPOINT', flag: 's3-endpoint', parse: 'string' },
  { path: 's3Unsigned', env: 'SPARKIFY_S3_UNSIGNED', parse: 'bool' },
  { path: 's3.logData', ini: ['S3', 'LOG_DATA'], parse: 'string' },
  { path: 's3.songData', ini: ['S3', 'SONG_DATA'], parse: 'string' },
  { path: 'aws.accessKeyId', ini: ['AWS', 'KEY'], parse: 'string', secret: true },
  { path: 'aws.secretAccessKey', ini: ['AWS', 'SECRET'], parse: 'string', secret: true },
  { path: 'cluster.host', ini: ['CLUSTER', 'HOST'], env: 'SPARKIFY_CLUSTER_HOST', parse: 'string' },
  { path: 'cluster.dbName', ini: ['CLUSTER', 'DB_NAME'], parse: 'string' },
  { path: 'cluster.dbUser', ini: ['CLUSTER', 'DB_USER'], parse: 'string' },
  { path: 'cluster.dbPassword', ini: ['CLUSTER', 'DB_PASSWORD'], env: 'SPARKIFY_DB_PASSWORD', parse: 'string', secret: true },
  { path: 'cluster.port', ini: ['CLUSTER', 'DB_PORT'], parse: 'int' },
  { path: 'postgres.url', ini: ['POSTGRES', 'URL'], parse: 'string', secret: true },
  { path: 'postgres.host', ini: ['POSTGRES', 'HOST'], parse: 'string' },
  { path: 'postgres.port', ini: ['POSTGRES', 'PORT'], parse: 'int' },
  { path: 'postgres.dbName', ini: ['POSTGRES', 'DB_NAME'], parse: 'string' },
  { path: 'postgres.dbUser', ini: ['POSTGRES', 'DB_USER'], parse: 'string' },
  { path: 'postgres.dbPassword', ini: ['POSTGRES', 'DB_PASSWORD'], parse: 'string', secret: true },
  { path: 'iamRoleArn', ini: ['IAM_ROLE', 'ARN'], env: 'SPARKIFY_IAM_ROLE_ARN', parse: 'string' },
  { path: 'redshift.via', ini: ['CLUSTER', 'VIA'], env: 'SPARKIFY_REDSHIFT_VIA', flag: 'via', parse: 'via' },
  { path: 'redshift.workgroup', ini: ['CLUSTER', 'WORKGROUP'], env: 'SPARKIFY_WORKGROUP', parse: 'string' },
  { path: 'redshift.secretArn', ini: ['CLUSTER', 'SECRET_ARN'], env: 'SPARKIFY_SECRET_ARN', parse: 'string' },
  { path: 'redshift.stagingPrefix', ini: ['S3', 'MANIFEST_PREFIX'], env: 'SPARKIFY_STAGING_PREFIX', flag: 'staging-prefix', parse: 'string' },
  { path: 'redshift.compactTo', ini: ['S3', 'COMPACT_TO'], env: 'SPARKIFY_COMPACT_TO', flag: 'compact-to', parse: 'string' },
  { path: 'redshift.keepCompacted', ini: ['S3', 'KEEP_COMPACTED'], env: 'SPARKIFY_KEEP_COMPACTED', flag: 'keep-compacted', parse: 'bool' },
  { path: 'dwh.clusterType', ini: ['DWH', 'DWH_CLUSTER_TYPE'], parse: 'string' },
  { path: 'dwh.numNodes', ini: ['DWH', 'DWH_NUM_NODES'], parse: 'int' },
  { path: 'dwh.nodeType', ini: ['DWH', 'DWH_NODE_TYPE'], flag: 'node-type', parse: 'string' },
  { path: 'dwh.clusterIdentifier', ini: ['DWH', 'DWH_CLUSTER_IDENTIFIER'], parse: 'string' },
  { path: 'dwh.db', ini: ['DWH', 'DWH_DB'], parse: 'string' },
  { path: 'dwh.dbUser', ini: ['DWH', 'DWH_DB_USER'], parse: 'string' },
  { path: 'dwh.dbPassword', ini: ['DWH', 'DWH_DB_PASSWORD'], parse: 'string', secret: true },
  { path: 'dwh.port', ini: ['DWH', 'DWH_PORT'], parse: 'int' },
  { path: 'dwh.iamRoleName', ini: ['DWH', 'DWH_IAM_ROLE_NAME'], parse: 'string' },
];

export function defaultConfig(): Config {
  return {
    configFile: undefined,
    origins: {},
    warnings: [],
    target: 'duckdb',
    database: '',
    schema: '',
    source: undefined,
    logData: undefined,
    songData: undefined,
    logJsonPath: undefined,
    maxErrors: undefined,
    checks: undefined,
    // Empty: a share of the machine's memory (src/engines/duckdb/duckdb-memory-limit.ts).
    duckdbMemoryLimit: '',
    lockWaitSeconds: 10,
    region: 'us-west-2',
    cacheDir: '',
    s3Endpoint: undefined,
    s3Unsigned: false,
    s3: { logData: undefined, songData: undefined },
    aws: { accessKeyId: undefined, secretAccessKey: undefined },
    cluster: { host: undefined, dbName: 'dev', dbUser: 'awsuser', dbPassword: undefined, port: 5439 },
    postgres: { url: undefined, host: undefined, port: 5432, dbName: undefined, dbUser: undefined, dbPassword: undefined },
    iamRoleArn: undefined,
    redshift: { via: undefined, workgroup: undefined, secretArn: undefined, stagingPrefix: undefined, compactTo: undefined, keepCompacted: false },
    dwh: {
      clusterType: 'multi-node',
      // DC2 can no longer be ordered; 2 × ra3.large ≈ $1.09/hour (4 × dc2.large was the seeds' choice).
      numNodes: 2,
      nodeType: 'ra3.large',
      clusterIdentifier: 'sparkify-cluster',
      db: 'dev',
      dbUser: 'awsuser',
      dbPassword: undefined,
      port: 5439,
      iamRoleName: 'sparkify-redshift-s3-read',
    },
  };
}
