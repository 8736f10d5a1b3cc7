import { describe, expect, it } from 'vitest';
import { DataApiWarehouse } from '../../../src/engines/redshift/data-api-warehouse.js';
import { loadErrorsSql, toReject } from '../../../src/engines/redshift/load-errors.js';
import type { Reject } from '../../../src/sources/source-file.js';
import type { SparkifyError } from '../../../src/errors.js';
import { fakeClient, fakeDataApi, fakeS3, stagerWith } from './fake-data-api.js';

const s3file = (key: string) => ({ path: `s3://udacity-dend/${key}`, size: 100, tag: 'e' });
const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function setup(answer: Parameters<typeof fakeDataApi>[0], s3 = fakeS3(), settings = {}) {
  const fake = fakeDataApi(answer);
  const warehouse = new DataApiWarehouse(fakeClient(), 'public', stagerWith(s3, settings));
  const rejects: Reject[] = [];
  const progress: number[] = [];
  const context = { runId: 'run-1', onReject: (r: Reject) => rejects.push(r), onProgress: (p: { files: number }) => progress.push(p.files) };
  return { fake, warehouse, rejects, progress, context, s3 };
}

describe('reading back what COPY skipped', () => {
  it('maps STL_LOAD_ERRORS rows to rejects with file, line, reason and raw line', () => {
    const reject = toReject(
      'events',
      {
        file: 's3://udacity-dend/log_data/2018/11/a.json',
        line: 12,
        column_name: 'ts',
        code: 1206,
        reason: 'Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]',
        raw: '{"ts": "yesterday"}',
      },
      's3://x',
    );
    expect(reject).toEqual({
      kind: 'events',
      file: 's3://udacity-dend/log_data/2018/11/a.json',
      line: 12,
      reason: 'column "ts": Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS] (Redshift load error 1206)',
      raw: '{"ts": "yesterday"}',
    });
    expect(toReject('songs', { file: '', line: null, column_name: null, code: null, reason: null, raw: null }, 's3://m/x.manifest')).toEqual({
      kind: 'songs',
      file: 's3://m/x.manifest',
      line: null,
      reason: 'rejected by COPY',
      raw: null,
    });
  });

  it('asks STL_LOAD_ERRORS on a cluster and SYS_LOAD_ERROR_DETAIL on serverless, by query id', () => {
    expect(oneLine(loadErrorsSql('stl', 77))).toMatch(/FROM stl_load_errors WHERE query = 77 /);
    expect(oneLine(loadErrorsSql('sys', 77))).toMatch(/FROM sys_load_error_detail WHERE query_id = 77 /);
  });
});

describe('staging by COPY', () => {
  it('one new file: COPY it, read back its errors, give its rows their source_file, apply the required-field rule', async () => {
    const { fake, warehouse, rejects, progress, context } = setup((sql) => {
      if (sql.includes('pg_last_copy_id')) return { rows: [{ query_id: 77 }] };
      if (sql.includes('stl_load_errors'))
        return { rows: [{ file: 's3://udacity-dend/log_data/b.json', line: 3, column_name: 'ts', code: 1206, reason: 'Invalid timestamp', raw: '{…}' }] };
      if (sql.startsWith('SELECT source_file, CASE'))
        return { rows: [{ source_file: 's3://udacity-dend/log_data/b.json', reason: 'required field "sessionId" is missing or null' }] };
      if (sql.includes('pg_last_copy_count')) return { rows: [{ n: 41 }] };
      if (sql.startsWith('SELECT COUNT(*)')) return { rows: [{ n: 40 }] };
      return {};
    });
    const result = await warehouse.stage('events', [s3file('log_data/b.json')], context);
    expect(result).toEqual({ rows: 40 });
    const sqls = fake.sent.map((s) => oneLine(s.sql));
    // First the session's identifier case (COPY must work either way), then the COPY.
    expect(sqls[0]).toBe('SHOW enable_case_sensitive_identifier');
    expect(sqls[1]).toMatch(
      /^COPY "public"\."staging_events" \("artist", .* "user_id"\) FROM 's3:\/\/udacity-dend\/log_data\/b\.json' IAM_ROLE 'arn:aws:iam::123456789012:role\/sparkify-s3-read' FORMAT AS JSON 's3:\/\/udacity-dend\/log_json_path\.json' REGION 'us-west-2' TIMEFORMAT 'epochmillisecs' MAXERROR 100000/,
    );
    expect(sqls).toContain(`UPDATE "public"."staging_events" SET source_file = 's3://udacity-dend/log_data/b.json' WHERE source_file IS NULL`);
    expect(sqls.some((s) => s.startsWith('DELETE FROM "public"."staging_events" WHERE "item_in_session" IS NULL OR "page" IS NULL'))).toBe(true);
    expect(sqls.at(-2)).toBe('ANALYZE "public"."staging_events"');
    expect(rejects).toEqual([
      { kind: 'events', file: 's3://udacity-dend/log_data/b.json', line: 3, reason: 'column "ts": Invalid timestamp (Redshift load error 1206)', raw: '{…}' },
      { kind: 'events', file: 's3://udacity-dend/log_data/b.json', line: null, reason: 'required field "sessionId" is missing or null', raw: null },
    ]);
    expect(progress).toEqual([1]);
  });

  it('several new files with a staging prefix: writes the manifest, COPYs with MANIFEST, counts rows per file from load history', async () => {
    const s3 = fakeS3({ 's3://udacity-dend/log_data': ['log_data/a.json', 'log_data/b.json', 'log_data/c.json'] });
    const { fake, warehouse, context } = setup(
      (sql) => {
        if (sql.includes('pg_last_copy_id')) return { rows: [{ query_id: 9 }] };
        if (sql.includes('stl_load_commits'))
          return {
            rows: [
              { file: 's3://udacity-dend/log_data/b.json', n: 10 },
              { file: 's3://udacity-dend/log_data/c.json', n: 5 },
            ],
          };
        if (sql.includes('stl_load_errors')) return { rows: [{ file: 's3://udacity-dend/log_data/c.json', line: 2, column_name: 'x', code: 1, reason: 'bad', raw: 'x' }] };
        if (sql.includes('pg_last_copy_count') || sql.startsWith('SELECT COUNT')) return { rows: [{ n: 14 }] };
        if (sql.startsWith('SELECT source_file, COUNT(*)')) return { rows: [] };
        return {};
      },
      s3,
      { stagingPrefix: 's3://my-bucket/sparkify' },
    );
    await warehouse.stage('events', [s3file('log_data/b.json'), s3file('log_data/c.json')], context);
    expect([...s3.written.keys()]).toEqual(['s3://my-bucket/sparkify/run-1/events.manifest']);
    expect(s3.removed).toEqual(['s3://my-bucket/sparkify/run-1/events.manifest']);
    const copy = oneLine(fake.sent[1]!.sql);
    expect(copy).toMatch(/FROM 's3:\/\/my-bucket\/sparkify\/run-1\/events\.manifest' .* MANIFEST REGION/);
    expect(fake.sent.some((s) => s.sql.startsWith('UPDATE'))).toBe(false);
    expect(await warehouse.stagedFileCounts('events')).toEqual([
      { source_file: 's3://udacity-dend/log_data/b.json', n: 10 },
      { source_file: 's3://udacity-dend/log_data/c.json', n: 4 },
    ]);
  });

  it('a COPY that fails still reports what it skipped, then stops the run with one clear line', async () => {
    const { warehouse, rejects, context } = setup(
      (sql) => {
        if (sql.startsWith('COPY'))
          return { statuses: ['STARTED', 'FAILED'], error: "ERROR: Load into table 'staging_songs' failed. Check 'stl_load_errors' system table for details." };
        if (sql.includes('pg_last_copy_id')) return { rows: [{ query_id: 5 }] };
        if (sql.includes('stl_load_errors'))
          return { rows: [{ file: 's3://udacity-dend/song_data/x.json', line: 1, column_name: 'year', code: 1207, reason: 'Invalid digit', raw: '{"year": "x"}' }] };
        return {};
      },
      fakeS3(),
      { maxErrors: 0 },
    );
    const error = (await warehouse.stage('songs', [s3file('song_data/x.json')], context).catch((e: unknown) => e)) as SparkifyError;
    expect(error.code).toBe('LOAD');
    expect(error.message).toMatch(
      /^COPY from s3:\/\/udacity-dend\/song_data\/x\.json failed: .*Load into table 'staging_songs' failed.* — 1 load errors were recorded .*; see SELECT \* FROM stl_load_errors WHERE query = 5$/,
    );
    expect(rejects).toHaveLength(1);
  });

  it('refuses files that are not in S3 and a missing IAM role, saying what to set', async () => {
    const { warehouse, context } = setup(() => ({}));
    await expect(warehouse.stage('songs', [{ path: '/data/song_data/a.json', size: 1, tag: 't' }], context)).rejects.toThrow(/not an s3:\/\/ object — use an s3:\/\/ --source/);
    const noRole = setup(() => ({}), fakeS3(), { iamRoleArn: undefined });
    await expect(noRole.warehouse.stage('songs', [s3file('song_data/a.json')], noRole.context)).rejects.toThrow(/no IAM role for COPY in dwh\.cfg \[IAM_ROLE\] ARN/);
  });

  it('without LOG_JSONPATH, writes a JSONPaths file from the record fields under the staging prefix', async () => {
    const s3 = fakeS3();
    const { fake, warehouse, context } = setup(() => ({ rows: [{ n: 0, query_id: 0 }] }), s3, { logJsonPath: undefined, stagingPrefix: 's3://mine/p' });
    await warehouse.stage('events', [s3file('log_data/a.json')], context);
    const paths = JSON.parse(s3.written.get('s3://mine/p/run-1/staging_events.jsonpaths')!);
    expect(paths.jsonpaths.slice(0, 3)).toEqual(["$['artist']", "$['auth']", "$['firstName']"]);
    expect(oneLine(fake.sent[1]!.sql)).toContain(`FORMAT AS JSON 's3://mine/p/run-1/staging_events.jsonpaths'`);
  });
});
