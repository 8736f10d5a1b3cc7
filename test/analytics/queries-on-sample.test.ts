import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryParams } from '../../src/analytics/params.js';
import { analyticQueries, findQuery } from '../../src/analytics/queries.js';
import type { AnalysisResult } from '../../src/analytics/query-def.js';
import { runAnalysis } from '../../src/analytics/run-analysis.js';
import { lastRun } from '../../src/dashboard/last-run.js';
import type { Warehouse } from '../../src/engines/warehouse.js';
import { engines } from '../helpers/engines.js';
import { sampleAvailable } from '../helpers/sample.js';
import { buildSampleWarehouse, type SampleWarehouse } from './sample-warehouse.js';

const total = (result: AnalysisResult, column: string) => result.rows.reduce((sum, row) => sum + Number(row[column]), 0);

describe.skipIf(!sampleAvailable()).each(engines)('the named analyses on the real sample, %s', (engine) => {
  let sample: SampleWarehouse;
  let warehouse: Warehouse;
  beforeAll(async () => {
    sample = await buildSampleWarehouse(engine);
    warehouse = sample.warehouse!;
  });
  afterAll(() => sample?.dispose());

  const run = (name: string, raw: Record<string, string> = {}) => {
    const query = findQuery(name);
    return runAnalysis(warehouse, query, parseQueryParams(query, raw));
  };

  it('every analysis runs and returns exactly its declared columns', async () => {
    for (const query of analyticQueries) {
      const result = await run(query.name);
      expect(result.rows.length, query.name).toBeGreaterThan(0);
      for (const row of result.rows) expect(Object.keys(row), query.name).toEqual(query.columns.map((c) => c.key));
    }
  });

  it('plays by level: 5,591 paid plays by 22 users, 1,229 free plays by 82 users', async () => {
    expect((await run('plays-by-level')).rows).toEqual([
      { level: 'paid', plays: 5591, users: 22 },
      { level: 'free', plays: 1229, users: 82 },
    ]);
  });

  it('catalog coverage: 1 of the 6,820 plays matched a catalog song', async () => {
    const result = await run('catalog-coverage');
    expect(result.rows).toEqual([
      { match: 'matched', plays: 1, share_pct: 0.01 },
      { match: 'unmatched', plays: 6819, share_pct: 99.99 },
    ]);
  });

  it('top songs and artists: the one matched play', async () => {
    expect((await run('top-songs')).rows).toEqual([{ title: 'Setanta matins', artist: 'Elena', plays: 1, users: 1 }]);
    expect((await run('top-artists')).rows).toEqual([{ artist: 'Elena', plays: 1, songs: 1, users: 1 }]);
  });

  it('most active users: user 49, Chloe Cuevas, with 689 plays', async () => {
    const result = await run('top-users', { limit: '3' });
    expect(result.rows.map((r) => [r.user_id, r.name, r.plays])).toEqual([
      ['49', 'Chloe Cuevas', 689],
      ['80', 'Tegan Levine', 665],
      ['97', 'Kate Harrell', 557],
    ]);
  });

  it('plays over time add up to every play: 30 days, 24 hours, 7 weekdays', async () => {
    const days = await run('plays-by-day');
    expect(days.rows).toHaveLength(30);
    expect(days.rows[0]).toEqual({ day: '2018-11-01', plays: 11, users: 4 });
    expect(days.rows.find((r) => r.day === '2018-11-15')?.plays).toBe(479);
    expect(total(days, 'plays')).toBe(6820);
    const hours = await run('plays-by-hour');
    expect(hours.rows.map((r) => r.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(hours.rows[16]).toEqual({ hour: 16, plays: 542, users: 45 });
    expect(total(hours, 'plays')).toBe(6820);
    const weekdays = await run('plays-by-weekday');
    expect(weekdays.rows.map((r) => r.weekday)).toEqual(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(weekdays.rows[3]).toEqual({ weekday: 'Wednesday', plays: 1364, users: 60 });
    expect(total(weekdays, 'plays')).toBe(6820);
  });

  it('the date range is inclusive and the level filters plays', async () => {
    const days = await run('plays-by-day', { from: '2018-11-10', to: '2018-11-12' });
    expect(days.rows.map((r) => [r.day, r.plays])).toEqual([
      ['2018-11-10', 87],
      ['2018-11-11', 73],
      ['2018-11-12', 166],
    ]);
    expect(days.params).toEqual({ from: '2018-11-10', to: '2018-11-12' });
    expect(total(await run('plays-by-day', { level: 'free' }), 'plays')).toBe(1229);
    expect((await run('plays-by-level', { from: '2018-12-01' })).rows).toEqual([]);
  });

  it('plays by day lists every day of the asked range, zero where there were no plays', async () => {
    const edge = await run('plays-by-day', { from: '2018-10-30', to: '2018-11-02' });
    expect(edge.rows).toEqual([
      { day: '2018-10-30', plays: 0, users: 0 },
      { day: '2018-10-31', plays: 0, users: 0 },
      { day: '2018-11-01', plays: 11, users: 4 },
      expect.objectContaining({ day: '2018-11-02' }),
    ]);
    const empty = await run('plays-by-day', { from: '2019-01-01', to: '2019-01-03' });
    expect(empty.rows).toEqual(['2019-01-01', '2019-01-02', '2019-01-03'].map((day) => ({ day, plays: 0, users: 0 })));
    expect((await run('plays-by-day', { from: '2018-11-29' })).rows.map((r) => r.day)).toEqual(['2018-11-29', '2018-11-30']);
    await expect(run('plays-by-day', { from: '2000-01-01', to: '2018-11-02' })).rejects.toThrow('plays-by-day lists at most 3660 days (10 years)');
  });

  it('upgrades and downgrades: the 8 Submit Upgrade and 1 Submit Downgrade events of the staged logs', async () => {
    const result = await run('level-changes');
    expect(total(result, 'upgrades')).toBe(8);
    expect(total(result, 'downgrades')).toBe(1);
    expect(result.rows.at(-1)).toEqual({ day: '2018-11-21', upgrades: 1, downgrades: 1 });
  });

  it('sessions: 776 sessions of 8.79 songs on average, bucketed the same', async () => {
    const [summary] = (await run('sessions')).rows;
    expect(summary).toMatchObject({ sessions: 776, users: 96, avg_songs: 8.79, max_songs: 117 });
    expect(Number(summary?.avg_minutes)).toBeGreaterThan(0);
    const buckets = await run('session-lengths');
    expect(buckets.rows.map((r) => r.songs)).toEqual(['1', '2-5', '6-10', '11-25', '26-50', '51-100', 'over 100']);
    expect(total(buckets, 'sessions')).toBe(776);
    expect(buckets.rows.at(-1)).toEqual({ songs: 'over 100', sessions: 5 });
  });

  it('where listeners are: the state is the text after the last ", "', async () => {
    const states = await run('plays-by-state', { limit: '4' });
    expect(states.rows).toEqual([
      { state: 'CA', plays: 1572, users: 17 },
      { state: 'ME', plays: 665, users: 1 },
      { state: 'MI', plays: 636, users: 4 },
      { state: 'IL-IN-WI', plays: 475, users: 3 },
    ]);
    const locations = await run('top-locations', { limit: '1' });
    expect(locations.rows).toEqual([{ location: 'San Francisco-Oakland-Hayward, CA', plays: 691, users: 2 }]);
  });

  it('user agents: browsers and operating systems cover every play', async () => {
    const browsers = await run('browsers');
    expect(browsers.rows.map((r) => [r.browser, r.plays])).toEqual([
      ['Chrome', 3896],
      ['Firefox', 1589],
      ['Safari', 1307],
      ['Internet Explorer', 28],
    ]);
    const systems = await run('operating-systems');
    expect(systems.rows.map((r) => [r.os, r.plays])).toEqual([
      ['macOS', 3000],
      ['Windows', 2428],
      ['Linux', 1153],
      ['iOS', 239],
    ]);
  });

  it('the last run, as the dashboard shows it: its counts and no rejects', async () => {
    const run = await lastRun(warehouse);
    expect(run?.summary?.target).toBe(engine);
    expect(run?.summary?.tables).toMatchObject({ songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });
    expect(run?.summary?.rejects).toEqual({ events: 0, songs: 0 });
    expect(run?.rejectReasons).toEqual([]);
    expect(run?.laterFailure).toBeNull();
  });
});
