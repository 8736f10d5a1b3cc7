import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticQueries } from '../../../src/analytics/queries.js';
import { runAnalysis } from '../../../src/analytics/run-analysis.js';
import { listRuns } from '../../../src/pipeline/list-runs.js';
import { RedshiftPgWarehouse, openRedshiftPg } from '../../../src/engines/redshift/pg-wire-warehouse.js';
import { openRedshiftWarehouse } from '../../../src/engines/redshift/redshift-warehouse.js';
import { RedshiftStager, type RedshiftSql } from '../../../src/engines/redshift/redshift-stage.js';
import type { StageContext, StageResult } from '../../../src/engines/warehouse.js';
import { configFromSettings, runPipeline, withWarehouse } from '../../../src/index.js';
import { createTables } from '../../../src/pipeline/create-tables.js';
import { runEtl } from '../../../src/pipeline/run-etl.js';
import { fieldsOf, stagingTableOf, type RecordKind } from '../../../src/schema/record-fields.js';
import { decodeRecord } from '../../../src/sources/decode-record.js';
import type { SourceFile } from '../../../src/sources/source-file.js';
import { qualified, quoteIdent } from '../../../src/sql/quote.js';
import { engineSettings, engines, pgUrl } from '../../helpers/engines.js';
import { starTableRows } from '../../helpers/star-tables.js';
import { fakeS3 } from './fake-data-api.js';
import { installGetdate, PgCompatibleRedshiftDialect } from './pg-compat.js';
import { songRecord } from '../../helpers/records.js';
import { eventRecord } from '../../helpers/records.js';

/*
 * The pg-wire Redshift engine on the real test PostgreSQL for everything but COPY: Redshift's
 * dialect (less the table attributes PostgreSQL cannot parse), its run lock, its SQL spelling,
 * the shared transform and checks. Staging is plain INSERTs of the same records COPY would load.
 */

const song = (id: string, title: string, artist: string, duration: number) =>
  songRecord({ artist_id: `AR${artist}`, artist_location: 'Somewhere', artist_name: `Artist ${artist}`, song_id: `SO${id}`, title, duration });
const event = (session: number, item: number, ts: number, over: Record<string, unknown> = {}) =>
  eventRecord({
    artist: 'Artist A',
    auth: 'Logged In',
    firstName: 'Ada',
    gender: 'F',
    itemInSession: item,
    lastName: 'Lovelace',
    level: 'free',
    location: 'London',
    method: 'PUT',
    registration: 1540000000000,
    sessionId: session,
    song: 'First',
    status: 200,
    ts,
    userId: '7',
    ...over,
  });

/** The sample as it would sit in S3: key → records. */
const objects: Record<string, Record<string, unknown>[]> = {
  'song_data/A/a.json': [song('1', 'First', 'A', 200.5)],
  'song_data/B/b.json': [song('2', 'Second', 'B', 180)],
  'log_data/2018-11-01-events.json': [event(1, 0, 1541030400000), event(1, 1, 1541030460123, { song: 'Nope' }), event(1, 2, 1541030500000, { page: 'Home' })],
  'log_data/2018-11-02-events.json': [event(2, 0, 1541116800000, { level: 'paid' }), event(1, 1, 1541030460123, { song: 'Nope' })],
};
const s3Files = (prefix: string): SourceFile[] =>
  Object.keys(objects)
    .filter((k) => k.startsWith(prefix))
    .map((k) => ({ path: `s3://udacity-dend/${k}`, size: 1, tag: `etag-${k}` }));

/** COPY replaced by INSERTs of the same decoded records, each row with its s3:// source_file. */
class InsertStager extends RedshiftStager {
  constructor() {
    super({ iamRoleArn: 'arn', region: 'us-west-2', logJsonPath: undefined, maxErrors: undefined, stagingPrefix: undefined, locations: {}, errorView: 'stl' }, () => fakeS3());
  }

  override async stage(sql: RedshiftSql, kind: RecordKind, files: SourceFile[], _context: StageContext): Promise<StageResult> {
    const fields = fieldsOf(kind);
    const columns = [...fields.map((f) => quoteIdent(f.column)), 'source_file'].join(', ');
    let rows = 0;
    for (const file of files) {
      for (const record of objects[file.path.replace('s3://udacity-dend/', '')]!) {
        const decoded = decodeRecord(record, fields);
        if (!decoded.ok) throw new Error(decoded.reason);
        const values = decoded.values.map((v, i) => (fields[i]!.kind === 'epoch_ms' ? new Date(v as number).toISOString() : v));
        await sql.run(`INSERT INTO ${qualified(sql.schema, stagingTableOf(kind))} (${columns}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, $${values.length + 1})`, [
          ...values,
          file.path,
        ]);
        rows += 1;
      }
    }
    return { rows };
  }
}

/** Every parameter an analysis takes, so its LIMIT sits among bound dates and levels. */
const everyParam = (takes: string[]) => ({
  limit: 2,
  ...(takes.includes('from') ? { from: '2018-11-01' } : {}),
  ...(takes.includes('to') ? { to: '2018-11-30' } : {}),
  ...(takes.includes('level') ? { level: 'free' as const } : {}),
});

async function redshiftOnPostgres(schema: string): Promise<RedshiftPgWarehouse> {
  await installGetdate();
  return openRedshiftPg(pgUrl(), schema, new InsertStager(), new PgCompatibleRedshiftDialect());
}

describe.skipIf(!engines.includes('postgres'))('Redshift over pg-wire, on a real PostgreSQL server', () => {
  it('runs stage → transform → check → publish and records the run, with s3:// files in load_manifest', async () => {
    const settings = await engineSettings('postgres');
    const config = configFromSettings({ ...settings, target: 'redshift' });
    const warehouse = await redshiftOnPostgres(settings.schema);
    try {
      expect(warehouse.target).toBe('redshift');
      expect(warehouse.description).toMatch(/^redshift:\/\/postgres@127\.0\.0\.1:\d+\/sparkify_test$/);
      await createTables(warehouse, { drop: true });
      const files = { label: 's3://udacity-dend', events: s3Files('log_data'), songs: s3Files('song_data') };
      const summary = await runEtl(warehouse, config, { files });
      expect(summary.target).toBe('redshift');
      expect(summary.checks.every((c) => c.ok)).toBe(true);
      expect(summary.tables).toMatchObject({ staging_events: 5, songplays: 3, songs: 2, artists: 2, users: 1, time: 3 });
      expect(summary.songplays_matched).toBe(2);
      const [run] = await warehouse.query(`SELECT status, finished_at FROM ${qualified(settings.schema, 'etl_runs')}`);
      expect(run).toMatchObject({ status: 'succeeded' });
      expect(String(run!.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT/);
      const manifest = await warehouse.query(`SELECT source_file, rows_loaded FROM ${qualified(settings.schema, 'load_manifest')} WHERE kind = 'events' ORDER BY source_file`);
      expect(manifest).toEqual([
        { source_file: 's3://udacity-dend/log_data/2018-11-01-events.json', rows_loaded: 3 },
        { source_file: 's3://udacity-dend/log_data/2018-11-02-events.json', rows_loaded: 2 },
      ]);
      // A second run finds nothing new and changes nothing.
      const again = await runEtl(warehouse, config, { files });
      expect(again.files).toMatchObject({ events: 0, songs: 0, unchanged: 4 });
      expect(again.tables.songplays).toBe(3);
    } finally {
      await warehouse.close();
    }
  });

  it('builds the same star schema as DuckDB from the same records', async () => {
    const pgSettings = await engineSettings('postgres');
    const warehouse = await redshiftOnPostgres(pgSettings.schema);
    let redshiftRows: Awaited<ReturnType<typeof starTableRows>>;
    try {
      await createTables(warehouse, { drop: true });
      await runEtl(warehouse, configFromSettings({ ...pgSettings, target: 'redshift' }), { files: { label: 's3', events: s3Files('log_data'), songs: s3Files('song_data') } });
      redshiftRows = await starTableRows(warehouse);
    } finally {
      await warehouse.close();
    }
    const duck = await engineSettings('duckdb');
    for (const [key, records] of Object.entries(objects)) {
      mkdirSync(join(duck.cwd, 'src', key, '..'), { recursive: true });
      writeFileSync(join(duck.cwd, 'src', key), records.map((r) => JSON.stringify(r)).join('\n'));
    }
    await runPipeline({ ...duck, source: join(duck.cwd, 'src') });
    const duckRows = await withWarehouse(configFromSettings(duck), starTableRows);
    expect(redshiftRows).toEqual(duckRows);
  });

  it("every named analysis and `runs`, LIMIT inlined and the other parameters renumbered, give the PostgreSQL engine's answers", async () => {
    const settings = await engineSettings('postgres');
    const warehouse = await redshiftOnPostgres(settings.schema);
    const config = configFromSettings({ ...settings, target: 'redshift' });
    try {
      await createTables(warehouse, { drop: true });
      await runEtl(warehouse, config, { files: { label: 's3://udacity-dend', events: s3Files('log_data'), songs: s3Files('song_data') } });
      const asRedshift = [];
      for (const query of analyticQueries) {
        asRedshift.push(await runAnalysis(warehouse, query, everyParam(query.params)));
      }
      const runs = await listRuns(warehouse, 1);
      const asPostgres = await withWarehouse(configFromSettings(settings), async (pg) => {
        const out = [];
        for (const query of analyticQueries) {
          out.push(await runAnalysis(pg, query, everyParam(query.params)));
        }
        return { analyses: out, runs: await listRuns(pg, 1) };
      });
      expect(asRedshift).toEqual(asPostgres.analyses);
      expect(asRedshift.find((r) => r.name === 'plays-by-hour')!.rows.some((r) => Number(r.plays) > 0)).toBe(true);
      expect(runs).toHaveLength(1);
      expect(runs).toEqual(asPostgres.runs);
    } finally {
      await warehouse.close();
    }
  });

  it('--via pg with a --database URL connects over pg-wire, and a refused connection is one line naming Redshift', async () => {
    const settings = await engineSettings('postgres');
    const w = await openRedshiftWarehouse(configFromSettings({ ...settings, target: 'redshift' }));
    expect(w).toBeInstanceOf(RedshiftPgWarehouse);
    expect(await w.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await w.close();
    const closed = configFromSettings({ ...settings, target: 'redshift', database: 'postgres://u:secret@127.0.0.1:1/dev' });
    await expect(openRedshiftWarehouse(closed)).rejects.toThrow(/^cannot connect to Redshift at 127\.0\.0\.1:1: connection refused/);
  });

  it('lets one etl at a time hold the schema: a second waits, then fails naming the running run', async () => {
    const settings = await engineSettings('postgres');
    const first = await redshiftOnPostgres(settings.schema);
    const second = await redshiftOnPostgres(settings.schema);
    try {
      await createTables(first, { drop: true });
      const lock = await first.acquireRunLock('run-a', 1000);
      await first.run(`INSERT INTO ${qualified(settings.schema, 'etl_runs')} (run_id, started_at, status) VALUES ('run-a', CURRENT_TIMESTAMP, 'running')`);
      const started = Date.now();
      await expect(second.acquireRunLock('run-b', 300)).rejects.toThrow(
        /^schema "t_\w+" in redshift:\/\/.* is being loaded by run run-a \(started .*\); waited 0\.3s — try again when it finishes, or raise --lock-wait$/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      // While it waits, the progress line hears who holds the lock and the seconds left.
      const waits: [string, number][] = [];
      await expect(second.acquireRunLock('run-b', 1600, (holder, left) => waits.push([holder, left]))).rejects.toThrow(/waited 1\.6s/);
      expect(waits.length).toBeGreaterThanOrEqual(2);
      expect(waits[0]).toEqual([expect.stringMatching(/^run run-a \(started .*\)$/), 2]);
      expect(waits.at(-1)![1]).toBeLessThan(2);
      // The holder's own connection is not blocked by its lock.
      await first.run(`UPDATE ${qualified(settings.schema, 'etl_runs')} SET status = 'succeeded' WHERE run_id = 'run-a'`);
      await lock.release();
      const next = await second.acquireRunLock('run-b', 1000);
      await next.release();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
