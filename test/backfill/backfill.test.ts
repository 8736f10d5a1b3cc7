import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Warehouse } from '../../src/engines/warehouse.js';
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
  dir = await mkdtemp(join(tmpdir(), 'sparkify-backfill-'));
  generated = join(dir, 'generated');
  await generateSample({ outDir: generated, events: 5000, songs: 100, seed: 3, days: 6, startDate: '2018-11-28' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The star tables plus the level history: what "equals a full load" compares. */
async function warehouseRows(warehouse: Warehouse) {
  const levels = await warehouse.query(`SELECT user_id, level, valid_from, valid_to, is_current FROM "${warehouse.schema}".user_levels`);
  const key = (r: Record<string, unknown>) => `${String(r.user_id)} ${String(r.valid_from)}`;
  return { ...(await starTableRows(warehouse)), user_levels: levels.sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}
const rowsOf = (settings: EngineSettings) => withWarehouse(configFromSettings(settings), warehouseRows);

describe.each(engines)('backfill windows (etl --from --to) on %s', (engine) => {
  it.skipIf(!sampleAvailable())('the real sample: 2018-11-05 to 2018-11-10 is 1,396 events and 1,184 plays; a later plain etl makes it equal a full load', async () => {
    const settings = await engineSettings(engine);
    const backfill = await runPipeline({ ...settings, source: udacitySample, window: { from: '2018-11-05', to: '2018-11-10' } });
    expect(backfill.files).toEqual({ events: 6, songs: 71, unchanged: 0 });
    expect(backfill.tables.staging_events).toBe(1396);
    expect(backfill.tables.songplays).toBe(1184);
    expect(backfill.window).toEqual({ from: '2018-11-05', to: '2018-11-10', outside: 0, partialFiles: 0 });
    const times = await withWarehouse(configFromSettings(settings), (w) => w.query(`SELECT MIN(start_time) AS first, MAX(start_time) AS last FROM "${w.schema}".songplays`));
    expect(String(times[0]!.first) >= '2018-11-05' && String(times[0]!.last) < '2018-11-11').toBe(true);

    const rest = await runPipeline({ ...settings, source: udacitySample });
    expect(rest.files).toEqual({ events: 24, songs: 0, unchanged: 77 });
    const full = await engineSettings(engine);
    await runPipeline({ ...full, source: udacitySample });
    expect(await rowsOf(settings)).toEqual(await rowsOf(full));
  });

  it('generated data in a file with no day in its name: records are picked by ts, and the file is loaded again by a later plain etl', async () => {
    // Every day's events in one file: the window must pick by ts.
    const merged = join(dir, `merged-${engine}`);
    mkdirSync(join(merged, 'log_data'), { recursive: true });
    const logs = readdirSync(join(generated, 'log_data'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    writeFileSync(join(merged, 'log_data', 'all-events.json'), logs.map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')).join(''));
    const source = { logData: join(merged, 'log_data'), songData: join(generated, 'song_data') };
    const events = readFileSync(join(merged, 'log_data', 'all-events.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ts: number });
    const inWindow = events.filter((e) => e.ts >= Date.UTC(2018, 10, 30) && e.ts < Date.UTC(2018, 11, 2)).length;
    expect(inWindow).toBeGreaterThan(0);
    expect(inWindow).toBeLessThan(events.length);

    const settings = await engineSettings(engine);
    const backfill = await runPipeline({ ...settings, ...source, window: { from: '2018-11-30', to: '2018-12-01' } });
    expect(backfill.tables.staging_events).toBe(inWindow);
    expect(backfill.window).toEqual({ from: '2018-11-30', to: '2018-12-01', outside: events.length - inWindow, partialFiles: 1 });
    const again = await runPipeline({ ...settings, ...source });
    expect(again.files.events).toBe(1);
    const full = await engineSettings(engine);
    await runPipeline({ ...full, source: generated });
    expect(await rowsOf(settings)).toEqual(await rowsOf(full));
  });

  it('generated data by day files, through the CLI: windows in any order, then a plain etl, equal a full load', async () => {
    const settings = await engineSettings(engine);
    const flags = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema, '--source', generated];
    const io = bufferIO(dir);
    expect(await main(['run', ...flags, '--from', '2018-12-02', '--to', '2018-12-03'], io)).toBe(0);
    expect(io.out()).toContain('backfill window 2018-12-02 to 2018-12-03: no staged event lay outside it');
    expect(io.out()).toMatch(/\(2 event files/);
    expect(await main(['etl', ...flags, '--from', '2018-11-28'], io)).toBe(0);
    expect(await main(['etl', ...flags], io)).toBe(0);
    expect(io.out()).toMatch(/\(3 event files, 0 song files loaded, 103 unchanged\)/);
    const full = await engineSettings(engine);
    await runPipeline({ ...full, source: generated });
    expect(await rowsOf(settings)).toEqual(await rowsOf(full));
  });
});

describe('backfill flags', () => {
  it('a bad day, a reversed window, or a window with --full-refresh is a usage error (exit 2) that says what to do', async () => {
    const io = bufferIO(dir);
    const db = ['--database', join(dir, 'flags.duckdb'), '--source', generated];
    expect(await main(['etl', ...db, '--from', '2018-11-31'], io)).toBe(2);
    expect(io.err()).toContain('--from must be a day written YYYY-MM-DD');
    expect(await main(['run', ...db, '--from', '2018-11-10', '--to', '2018-11-05'], io)).toBe(2);
    expect(io.err()).toContain('--from 2018-11-10 is after --to 2018-11-05');
    expect(await main(['run', ...db, '--from', '2018-11-10', '--full-refresh'], io)).toBe(2);
    expect(io.err()).toContain('use one or the other');
  });
});
