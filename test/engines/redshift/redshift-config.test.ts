import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { dataApiTarget, loadErrorViewOf, pgWireUrl, redshiftSourceLocations, viaOf } from '../../../src/engines/redshift/redshift-settings.js';
import { listS3Source } from '../../../src/sources/s3-listed-source.js';

const seedsCfg = `[CLUSTER]
HOST=''
DB_NAME=dev
DB_USER=awsuser
DB_PASSWORD=
DB_PORT=5439

[IAM_ROLE]
ARN='arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'

[DWH]
DWH_CLUSTER_IDENTIFIER=sparkify-cluster
DWH_DB_USER=sparkify_admin
`;

function config(cfg: string, flags: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'sparkify-rs-'));
  writeFileSync(join(cwd, 'dwh.cfg'), cfg);
  return loadConfig({ cwd, env, flags: { target: 'redshift', ...flags } });
}

describe('choosing how to reach Redshift', () => {
  it('with the seeds’ empty HOST, the Data API (no open port) as the cluster’s [DWH] user', () => {
    const c = config(seedsCfg);
    expect(viaOf(c)).toBe('data-api');
    expect(dataApiTarget(c).target).toEqual({ database: 'dev', clusterIdentifier: 'sparkify-cluster', dbUser: 'sparkify_admin' });
    expect(loadErrorViewOf(c, 'data-api')).toBe('stl');
  });

  it('a serverless workgroup, or a Secrets Manager secret, instead of the database user', () => {
    const serverless = config(`${seedsCfg}\n[CLUSTER]\nWORKGROUP=sparkify-wg\n`);
    expect(dataApiTarget(serverless).target).toEqual({ database: 'dev', workgroupName: 'sparkify-wg' });
    expect(loadErrorViewOf(serverless, 'data-api')).toBe('sys');
    const secret = config(seedsCfg, {}, { SPARKIFY_SECRET_ARN: 'arn:aws:secretsmanager:us-west-2:1:secret:redshift!x' });
    expect(dataApiTarget(secret).target).toEqual({ database: 'dev', clusterIdentifier: 'sparkify-cluster', secretArn: 'arn:aws:secretsmanager:us-west-2:1:secret:redshift!x' });
  });

  it('with a HOST, pg-wire over verified TLS, the password from SPARKIFY_DB_PASSWORD', () => {
    const c = config(seedsCfg.replace("HOST=''", 'HOST=sparkify.abc.us-west-2.redshift.amazonaws.com'), {}, { SPARKIFY_DB_PASSWORD: 'p@ss word' });
    expect(viaOf(c)).toBe('pg');
    expect(pgWireUrl(c)).toBe('postgres://awsuser:p%40ss%20word@sparkify.abc.us-west-2.redshift.amazonaws.com:5439/dev?sslmode=verify-full&connect_timeout=15');
  });

  it('--via pg without what it needs says what to set', () => {
    expect(() => pgWireUrl(config(seedsCfg, { via: 'pg' }))).toThrow(
      /no Redshift endpoint in dwh\.cfg \[CLUSTER\] HOST — run `sparkify infra up` or set it, or use --via data-api/,
    );
    const noPassword = config(seedsCfg.replace("HOST=''", 'HOST=h.example'), { via: 'pg' });
    expect(() => pgWireUrl(noPassword)).toThrow(/no password for Redshift user "awsuser" — set \[CLUSTER\] DB_PASSWORD or SPARKIFY_DB_PASSWORD/);
    expect(() => viaOf(config(seedsCfg, { via: 'odbc' }))).toThrow(/--via must be pg or data-api, got "odbc"/);
  });

  it('takes the S3 locations from [S3] LOG_DATA / SONG_DATA unless --source says otherwise', () => {
    expect(redshiftSourceLocations(config(seedsCfg))).toEqual({ logData: 's3://udacity-dend/log_data', songData: 's3://udacity-dend/song_data' });
    expect(redshiftSourceLocations(config(seedsCfg, { source: 's3://mine/sample/' }))).toEqual({ logData: 's3://mine/sample/log_data', songData: 's3://mine/sample/song_data' });
  });

  it('refuses a local folder as the source of a Redshift load, before any AWS call', async () => {
    await expect(listS3Source(config(seedsCfg, { source: '/data/sample' }))).rejects.toThrow(
      /Redshift loads with COPY from S3, so the event logs must be an s3:\/\/ location, got "\/data\/sample\/log_data"/,
    );
  });
});

describe('the AWS SDK and pg load only when Redshift is used', () => {
  const src = fileURLToPath(new URL('../../../src', import.meta.url));
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ path: relative(src, join(src, f)), text: readFileSync(join(src, f), 'utf8') }));

  it('no module imports the Redshift Data API client except as types or through import()', () => {
    const valueImports = files.flatMap((f) => [...f.text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'@aws-sdk\/client-redshift-data'/gm)].map((m) => `${f.path}: ${m[0]}`));
    expect(valueImports).toEqual([]);
  });
});
