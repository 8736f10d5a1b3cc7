import { describe, expect, it } from 'vitest';
import { configFromSettings, runPipeline, withWarehouse } from '../../src/index.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const facts = {
  staging_events: 8056,
  staging_songs: 71,
  songplays: 6820,
  users: 97,
  songs: 71,
  artists: 69,
  time: 6813,
};

describe.skipIf(!sampleAvailable()).each(engines)('the real Udacity sample on %s', (engine) => {
  it('reproduces the facts of the sample, and a second run adds nothing', async () => {
    const settings = await engineSettings(engine);
    const first = await runPipeline({ ...settings, source: udacitySample });
    expect(first.target).toBe(engine);
    expect(first.tables).toEqual(facts);
    expect(first.songplays_matched).toBe(1);
    expect(first.rejects).toEqual({ events: 0, songs: 0 });
    expect(first.checks.length).toBeGreaterThan(0);
    expect(first.checks.every((c) => c.ok)).toBe(true);

    // Unchanged files are not loaded again, and nothing is counted twice.
    const second = await runPipeline({ ...settings, source: udacitySample });
    expect(second.tables).toEqual({ ...facts, staging_events: 0, staging_songs: 0 });

    await withWarehouse(configFromSettings(settings), async (warehouse) => {
      const s = warehouse.schema;
      const matched = await warehouse.query(`SELECT start_time, user_id, level, song_id, artist_id, session_id, item_in_session FROM "${s}".songplays WHERE song_id IS NOT NULL`);
      expect(matched).toEqual([
        {
          start_time: '2018-11-21T21:56:47.796Z',
          user_id: '15',
          level: 'paid',
          song_id: 'SOZCTXZ12AB0182364',
          artist_id: 'AR5KOSW1187FB35FF4',
          session_id: 818,
          item_in_session: 5,
        },
      ]);
      const levels = await warehouse.query(`SELECT level, COUNT(*) AS n FROM "${s}".users GROUP BY level ORDER BY level`);
      expect(levels).toEqual([
        { level: 'free', n: 75 },
        { level: 'paid', n: 22 },
      ]);
      const runs = await warehouse.query(`SELECT status, files, rejects FROM "${s}".etl_runs ORDER BY started_at`);
      expect(runs).toEqual([
        { status: 'succeeded', files: 101, rejects: 0 },
        { status: 'succeeded', files: 0, rejects: 0 },
      ]);
    });
  });
});
