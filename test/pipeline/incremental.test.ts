import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipelineWith } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-incr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const days = sampleAvailable() ? readdirSync(join(udacitySample, 'log_data/2018/11')).sort() : [];

/** A source folder holding the sample's songs and the given days of logs (copies, in a temp dir). */
function sourceWithDays(name: string, count: number): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'log_data'), { recursive: true });
  for (const day of days.slice(0, count)) copyFileSync(join(udacitySample, 'log_data/2018/11', day), join(root, 'log_data', day));
  return root;
}

const configFor = (db: string, root: string) =>
  loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, db), 'log-data': join(root, 'log_data'), 'song-data': join(udacitySample, 'song_data') } });

describe.skipIf(days.length === 0)('incremental loading', () => {
  it('a run over a new day gives the same star tables as a full refresh over all days', async () => {
    const root = sourceWithDays('incr', 29);
    const incremental = configFor('incr.duckdb', root);
    const first = await runPipelineWith(incremental);
    expect(first.files).toEqual({ events: 29, songs: 71, unchanged: 0 });
    copyFileSync(join(udacitySample, 'log_data/2018/11', days[29]!), join(root, 'log_data', days[29]!));
    const second = await runPipelineWith(incremental);
    expect(second.files).toEqual({ events: 1, songs: 0, unchanged: 100 });
    expect(second.tables.staging_events).toBe(
      readFileSync(join(root, 'log_data', days[29]!), 'utf8')
        .trim()
        .split('\n').length,
    );

    const full = configFor('full.duckdb', sourceWithDays('full', 30));
    await runPipelineWith(full, { fullRefresh: true });
    const a = await withWarehouse(incremental, starTableRows);
    const b = await withWarehouse(full, starTableRows);
    expect(a.songplays).toHaveLength(6820);
    expect(a).toEqual(b);
  });

  it('loads nothing again when nothing changed, and only the changed file when one did', async () => {
    const root = sourceWithDays('again', 3);
    const config = configFor('again.duckdb', root);
    const first = await runPipelineWith(config);
    const again = await runPipelineWith(config);
    expect(again.files).toEqual({ events: 0, songs: 0, unchanged: 74 });
    expect(again.tables.songplays).toBe(first.tables.songplays);

    const changed = join(root, 'log_data', days[0]!);
    const extra = { page: 'NextSong', sessionId: 999999, itemInSession: 0, ts: 1541116106796, userId: '8', level: 'paid', song: 'x', artist: 'y', length: 1 };
    appendFileSync(changed, `\n${JSON.stringify(extra)}\n`);
    const third = await runPipelineWith(config);
    expect(third.files).toMatchObject({ events: 1, songs: 0 });
    expect(third.tables.songplays).toBe((first.tables.songplays ?? 0) + 1);
  });

  it('a full refresh rebuilds from every file', async () => {
    const root = sourceWithDays('refresh', 2);
    const config = configFor('refresh.duckdb', root);
    const first = await runPipelineWith(config);
    const refreshed = await runPipelineWith(config, { fullRefresh: true });
    expect(refreshed.files).toEqual({ events: 2, songs: 71, unchanged: 0 });
    expect(refreshed.tables).toEqual(first.tables);
  });

  it("keeps a user's level from their latest event across runs, whatever order files arrive in", async () => {
    const root = join(dir, 'levels');
    mkdirSync(join(root, 'log_data'), { recursive: true });
    mkdirSync(join(root, 'song_data'), { recursive: true });
    const event = (ts: number, level: string, item: number) => JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: item, ts, userId: '5', firstName: 'A', level });
    const config = loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, 'levels.duckdb'), source: root } });
    appendFileSync(join(root, 'log_data', 'day2.json'), `${event(2_000_000, 'paid', 2)}\n`);
    await runPipelineWith(config);
    appendFileSync(join(root, 'log_data', 'day1.json'), `${event(1_000_000, 'free', 1)}\n`);
    await runPipelineWith(config);
    const users = await withWarehouse(config, (w) => w.query('SELECT user_id, level FROM users'));
    expect(users).toEqual([{ user_id: '5', level: 'paid' }]);
  });
});
