import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromSettings, runEtl, runPipeline, withWarehouse, type Warehouse } from '../../src/index.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

const extra = mkdtempSync(join(tmpdir(), 'sparkify-extra-'));
afterAll(() => rmSync(extra, { recursive: true, force: true }));
// One more NextSong event, in a file the warehouse has not seen (another source: added on purpose).
writeFileSync(
  join(extra, 'extra-events.json'),
  `${JSON.stringify({ artist: 'Elena', song: 'Setanta matins', length: 269.58322, page: 'NextSong', sessionId: 424242, itemInSession: 0, ts: 1543622400000, userId: '15', level: 'paid', firstName: 'Lily', lastName: 'Koch', gender: 'F' })}\n`,
);

const added = { addSource: true };

/** The warehouse, but its `run` throws on statements matching `pattern`. */
function failingOn(warehouse: Warehouse, pattern: RegExp): Warehouse {
  return new Proxy(warehouse, {
    get(target, property) {
      if (property === 'run') {
        return async (sql: string, params?: []) => {
          if (pattern.test(sql)) throw new Error('injected failure');
          return target.run(sql, params);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.skipIf(!sampleAvailable()).each(engines)('the publish transaction on %s', (engine) => {
  it('rolls back a failing statement and leaves the previous star tables intact', async () => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: udacitySample });
    const config = configFromSettings({ ...settings, logData: extra, songData: join(udacitySample, 'song_data') });
    await withWarehouse(config, async (warehouse) => {
      const before = await starTableRows(warehouse);
      await expect(runEtl(failingOn(warehouse, /INSERT INTO "[^"]+"\."time"/), config, added)).rejects.toThrow('injected failure');
      expect(await starTableRows(warehouse)).toEqual(before);
      const [last] = await warehouse.query(`SELECT status, error FROM "${warehouse.schema}".etl_runs ORDER BY started_at DESC LIMIT 1`);
      expect(last).toEqual({ status: 'failed', error: 'injected failure' });

      // Nothing was marked loaded, so the next run picks the file up and succeeds.
      const summary = await runEtl(warehouse, config, added);
      expect(summary.tables.songplays).toBe(before.songplays!.length + 1);
    });
  });

  it('rolls back when a data-quality check fails', async () => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: udacitySample });
    const config = configFromSettings({ ...settings, logData: extra, songData: join(udacitySample, 'song_data') });
    await withWarehouse(config, async (warehouse) => {
      const before = await starTableRows(warehouse);
      // A transform that loses the new play's time row: the check must catch it and everything roll back.
      const run = warehouse.run.bind(warehouse);
      const staged = warehouse.scratchStaging?.name('staging_events') ?? `"${warehouse.schema}".staging_events`;
      warehouse.run = async (sql, params) => {
        await run(sql, params);
        if (sql.startsWith(`INSERT INTO "${warehouse.schema}"."time"`)) await run(`DELETE FROM "${warehouse.schema}"."time" WHERE start_time = (SELECT MAX(ts) FROM ${staged})`);
      };
      await expect(runEtl(warehouse, config, added)).rejects.toMatchObject({ code: 'CHECK_FAILED', message: expect.stringContaining('songplays.start_time found in time') });
      expect(await starTableRows(warehouse)).toEqual(before);
      const [last] = await warehouse.query(`SELECT status FROM "${warehouse.schema}".etl_runs ORDER BY started_at DESC LIMIT 1`);
      expect(last).toEqual({ status: 'failed' });
    });
  });
});
