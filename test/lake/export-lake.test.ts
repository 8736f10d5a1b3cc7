import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engineSettings, engines, type EngineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

let dir: string;
let generated: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sparkify-lake-'));
  generated = join(dir, 'generated');
  await generateSample({ outDir: generated, events: 6000, songs: 120, seed: 4, days: 45, startDate: '2018-11-20' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a lake folder as Spark or Athena would: every table through hive partitioning, in a DuckDB of its own. */
async function readLake(lake: string): Promise<Record<string, Record<string, unknown>[]>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const table of ['songplays', 'time', 'songs', 'users', 'artists']) {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${lake}/${table}/**/*.parquet', hive_partitioning = true)`);
      out[table] = reader.getRowObjectsJson() as Record<string, unknown>[];
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const flagsOf = (s: EngineSettings) => ['--target', s.target, '--database', s.database, '--schema', s.schema];

/** The lake holds the warehouse: same keys per table, partitions in the folder names. */
async function expectLakeEqualsWarehouse(settings: EngineSettings, lake: string): Promise<void> {
  const warehouse = await withWarehouse(configFromSettings(settings), starTableRows);
  const files = await readLake(lake);
  const keys = (rows: Record<string, unknown>[], key: string) => rows.map((r) => String(r[key])).sort();
  expect(keys(files.songplays!, 'session_id').length).toBe(warehouse.songplays!.length);
  expect(files.songplays!.map((r) => `${r.session_id}/${r.item_in_session}`).sort()).toEqual(warehouse.songplays!.map((r) => `${r.session_id}/${r.item_in_session}`).sort());
  expect(keys(files.users!, 'user_id')).toEqual(keys(warehouse.users!, 'user_id'));
  expect(keys(files.songs!, 'song_id')).toEqual(keys(warehouse.songs!, 'song_id'));
  expect(keys(files.artists!, 'artist_id')).toEqual(keys(warehouse.artists!, 'artist_id'));
  expect(files.time!).toHaveLength(warehouse.time!.length);
  // Partition values come back from the folder names, and agree with the rows.
  for (const row of files.songplays!) expect(String(row.start_time).slice(0, 7)).toBe(`${row.year}-${String(row.month).padStart(2, '0')}`);
  const songYears = new Map(warehouse.songs!.map((s) => [String(s.song_id), [String(s.year), String(s.artist_id)]]));
  for (const row of files.songs!) expect([String(row.year), String(row.artist_id)]).toEqual(songYears.get(String(row.song_id)));
  expect(readdirSync(join(lake, 'users'))).toEqual(['users.parquet']);
  expect(readdirSync(join(lake, 'artists'))).toEqual(['artists.parquet']);
}

describe.each(engines)('the Parquet lake (sparkify export) from %s', (engine) => {
  it.skipIf(!sampleAvailable())('the real sample: Spark layout, counts equal the warehouse, readable with hive partitioning', async () => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: udacitySample });
    const lake = join(dir, `sample-${engine}`);
    const io = bufferIO(dir);
    expect(await main(['export', ...flagsOf(settings), '--out', lake, '--json'], io)).toBe(0);
    const result = JSON.parse(io.out());
    expect(result.tables.map((t: { table: string; rows: number }) => [t.table, t.rows])).toEqual([
      ['songplays', 6820],
      ['time', 6813],
      ['songs', 71],
      ['users', 97],
      ['artists', 69],
    ]);
    expect(existsSync(join(lake, 'songplays', 'year=2018', 'month=11'))).toBe(true);
    expect(existsSync(join(lake, 'time', 'year=2018', 'month=11'))).toBe(true);
    expect(result.tables.find((t: { table: string }) => t.table === 'songs').partitions).toHaveLength(69);
    await expectLakeEqualsWarehouse(settings, lake);
  });

  it('generated data across a month and year end: one partition per month, counts equal the warehouse', async () => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: generated });
    const lake = join(dir, `generated-${engine}`);
    const io = bufferIO(dir);
    expect(await main(['export', ...flagsOf(settings), '--out', lake], io)).toBe(0);
    expect(io.out()).toContain('row counts read back from the files equal the warehouse');
    expect(readdirSync(join(lake, 'songplays')).sort()).toEqual(['year=2018', 'year=2019']);
    expect(readdirSync(join(lake, 'songplays', 'year=2018')).sort()).toEqual(['month=11', 'month=12']);
    await expectLakeEqualsWarehouse(settings, lake);
  });
});

describe('export flags', () => {
  it('says what is missing or unsupported (exit 2)', async () => {
    const io = bufferIO(dir);
    expect(await main(['export', '--database', join(dir, 'x.duckdb')], io)).toBe(2);
    expect(io.err()).toContain('--out DIR or --out s3://bucket/prefix');
    expect(await main(['export', '--database', join(dir, 'x.duckdb'), '--out', dir, '--format', 'csv'], io)).toBe(2);
    expect(io.err()).toContain('--format csv is not supported');
  });
});
