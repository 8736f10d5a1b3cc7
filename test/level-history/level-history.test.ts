import { appendFileSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryParams } from '../../src/analytics/params.js';
import { findQuery } from '../../src/analytics/queries.js';
import { runAnalysis } from '../../src/analytics/run-analysis.js';
import type { Row, Warehouse } from '../../src/engines/warehouse.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { engineSettings, engines, type EngineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparkify-levels-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** user_levels sorted in JS, so collation cannot reorder it. */
async function levelRows(warehouse: Warehouse): Promise<Row[]> {
  const rows = await warehouse.query(`SELECT user_id, level, valid_from, valid_to, is_current FROM "${warehouse.schema}".user_levels`);
  const key = (r: Row) => `${String(r.user_id).padStart(12, '0')} ${String(r.valid_from)}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Spans grouped by user, in order (Map.groupBy is Node 21+). */
function spansByUser(rows: Row[]): Row[][] {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(String(r.user_id), [...(out.get(String(r.user_id)) ?? []), r]);
  return [...out.values()];
}

const levelsOf = (settings: EngineSettings) => withWarehouse(configFromSettings(settings), levelRows);

/** Loads the days of `logDir` into `settings`' warehouse in the batches given (indexes into the sorted day files), one run per batch. */
async function loadInBatches(settings: EngineSettings, logDir: string, songDir: string, batches: number[][]): Promise<void> {
  const days = readdirSync(logDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const root = await mkdtemp(join(dir, 'batches-'));
  mkdirSync(join(root, 'log_data'));
  for (const batch of batches) {
    for (const i of batch) copyFileSync(days[i]!, join(root, 'log_data', `day-${i}.json`));
    await runPipeline({ ...settings, logData: join(root, 'log_data'), songData: songDir });
  }
}

/** Spans are contiguous per user, exactly one is current, and it is the user's level in `users`. */
async function expectConsistent(settings: EngineSettings, rows: Row[]): Promise<void> {
  for (const spans of spansByUser(rows)) {
    expect(spans.filter((s) => s.is_current)).toHaveLength(1);
    spans.forEach((s, i) => {
      const next = spans[i + 1];
      expect(s.valid_to).toBe(next ? next.valid_from : null);
      if (next) expect(next.level).not.toBe(s.level);
    });
  }
  const users = await withWarehouse(configFromSettings(settings), (w) => w.query(`SELECT user_id, level FROM "${w.schema}".users`));
  const current = new Map(rows.filter((r) => r.is_current).map((r) => [String(r.user_id), r.level]));
  expect(users.length).toBe(current.size);
  for (const u of users) expect(current.get(String(u.user_id)), `user ${u.user_id}`).toBe(u.level);
}

describe.each(engines)('level history (user_levels) on %s', (engine) => {
  it.skipIf(!sampleAvailable())('the real sample: 106 spans, 97 current, 8 users with more than one; the same whatever order the days arrive in', async () => {
    const full = await engineSettings(engine);
    await runPipeline({ ...full, source: udacitySample });
    const rows = await levelsOf(full);
    expect(rows).toHaveLength(106);
    expect(rows.filter((r) => r.is_current)).toHaveLength(97);
    expect(spansByUser(rows).filter((spans) => spans.length > 1)).toHaveLength(8);
    await expectConsistent(full, rows);

    const scrambled = await engineSettings(engine);
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    await loadInBatches(scrambled, join(udacitySample, 'log_data'), join(udacitySample, 'song_data'), [range(20, 30), range(0, 10), [15, 12], range(10, 20)]);
    expect(await levelsOf(scrambled)).toEqual(rows);
  });

  it('a late event inside a span splits it, and the span after starts at the next known event', async () => {
    const settings = await engineSettings(engine);
    const root = join(dir, `split-${engine}`);
    mkdirSync(join(root, 'log_data'), { recursive: true });
    mkdirSync(join(root, 'song_data'), { recursive: true });
    const line = (ts: number, level: string, item: number) =>
      `${JSON.stringify({ page: 'Home', auth: 'Logged In', sessionId: 7, itemInSession: item, ts, userId: '5', firstName: 'A', level })}\n`;
    const day = (h: number) => Date.UTC(2018, 10, 1, h);
    appendFileSync(join(root, 'log_data', 'a.json'), line(day(1), 'free', 1) + line(day(3), 'free', 3) + line(day(4), 'free', 4));
    await runPipeline({ ...settings, source: root });
    expect((await levelsOf(settings)).map((r) => [r.level, r.valid_to, r.is_current])).toEqual([['free', null, true]]);

    appendFileSync(join(root, 'log_data', 'b.json'), line(day(2), 'paid', 2));
    await runPipeline({ ...settings, source: root });
    const iso = (h: number) => new Date(day(h)).toISOString();
    expect((await levelsOf(settings)).map((r) => [r.level, r.valid_from, r.valid_to, r.is_current])).toEqual([
      ['free', iso(1), iso(2), false],
      ['paid', iso(2), iso(3), false],
      ['free', iso(3), null, true],
    ]);
    const users = await withWarehouse(configFromSettings(settings), (w) => w.query(`SELECT level FROM "${w.schema}".users`));
    expect(users).toEqual([{ level: 'free' }]);
  });

  it('a later run keeps the spans of users who came back on the same level, and rebuilds the others as one load of every file would', async () => {
    const day = (h: number) => Date.UTC(2018, 10, 1, h);
    const iso = (h: number) => new Date(day(h)).toISOString();
    const line = (user: string, h: number, level: string, session: number, item: number) =>
      `${JSON.stringify({ page: 'Home', auth: 'Logged In', sessionId: session, itemInSession: item, ts: day(h), userId: user, firstName: 'A', level })}\n`;
    const files: [string, string][] = [
      ['a.json', line('5', 1, 'free', 1, 1) + line('6', 1, 'paid', 2, 1) + line('8', 2, 'free', 4, 1) + line('8', 3, 'paid', 4, 2)],
      // 5 comes back on its level (spans kept), 6 changes level, 7 is new, 8 has an event at its span's start, ordered before it.
      ['b.json', line('5', 5, 'free', 1, 2) + line('6', 6, 'free', 2, 2) + line('7', 5, 'paid', 3, 1) + line('8', 3, 'free', 3, 9)],
    ];
    const daily = await engineSettings(engine);
    const root = join(dir, `kept-${engine}`);
    mkdirSync(join(root, 'log_data'), { recursive: true });
    mkdirSync(join(root, 'song_data'), { recursive: true });
    for (const [name, text] of files) {
      appendFileSync(join(root, 'log_data', name), text);
      await runPipeline({ ...daily, source: root });
    }
    const spans = (await levelsOf(daily)).map((r) => [r.user_id, r.level, r.valid_from, r.valid_to, r.is_current]);
    expect(spans).toEqual([
      ['5', 'free', iso(1), null, true],
      ['6', 'paid', iso(1), iso(6), false],
      ['6', 'free', iso(6), null, true],
      ['7', 'paid', iso(5), null, true],
      ['8', 'free', iso(2), iso(3), false],
      ['8', 'paid', iso(3), null, true],
    ]);
    const once = await engineSettings(engine);
    await runPipeline({ ...once, source: root });
    expect((await levelsOf(once)).map((r) => [r.user_id, r.level, r.valid_from, r.valid_to, r.is_current])).toEqual(spans);
  });

  it('generated data: days loaded newest first give the spans of a full load, and upgrades show in upgrade-journeys', async () => {
    const out = join(dir, `generated-${engine}`);
    await generateSample({ outDir: out, events: 6000, songs: 100, seed: 11, days: 8, startDate: '2018-11-01' });
    const full = await engineSettings(engine);
    await runPipeline({ ...full, source: out });
    const rows = await levelsOf(full);
    await expectConsistent(full, rows);
    const changed = spansByUser(rows).filter((spans) => spans.length > 1);
    expect(changed.length).toBeGreaterThan(0);

    const reversed = await engineSettings(engine);
    await loadInBatches(reversed, join(out, 'log_data'), join(out, 'song_data'), [[7], [6, 5], [4], [3, 2, 1], [0]]);
    expect(await levelsOf(reversed)).toEqual(rows);

    // The daily case (each run rebuilds only from its first event on), then days that come late into the middle.
    const daily = await engineSettings(engine);
    await loadInBatches(daily, join(out, 'log_data'), join(out, 'song_data'), [[0], [1], [2], [3], [4], [5], [6], [7]]);
    expect(await levelsOf(daily)).toEqual(rows);
    const gaps = await engineSettings(engine);
    await loadInBatches(gaps, join(out, 'log_data'), join(out, 'song_data'), [[0, 1], [5], [6, 7], [3], [2, 4]]);
    expect(await levelsOf(gaps)).toEqual(rows);

    const upgrades = rows.filter((r, i) => r.level === 'paid' && rows[i - 1]?.user_id === r.user_id && rows[i - 1]?.level === 'free');
    const journeys = await withWarehouse(configFromSettings(full), (w) => {
      const query = findQuery('upgrade-journeys');
      return runAnalysis(w, query, parseQueryParams(query, { limit: '1000' }));
    });
    expect(journeys.rows.map((r) => r.user_id).sort()).toEqual(upgrades.map((r) => String(r.user_id)).sort());
  });
});

describe.skipIf(!sampleAvailable()).each(engines)('upgrade-journeys on the real sample, %s', (engine) => {
  it('lists the 8 upgrades with days to upgrade and plays before and after', async () => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: udacitySample });
    const result = await withWarehouse(configFromSettings(settings), (w) => {
      const query = findQuery('upgrade-journeys');
      return runAnalysis(w, query, parseQueryParams(query, {}));
    });
    expect(result.rows.map((r) => [r.user_id, r.upgraded_at, r.days_to_upgrade, r.plays_before, r.plays_after])).toEqual([
      ['29', '2018-11-08 06:25:57', 2.49, 5, 341],
      ['80', '2018-11-08 07:18:15', 5.83, 17, 648],
      ['85', '2018-11-09 15:59:11', 0, 1, 178],
      ['36', '2018-11-09 17:54:17', 1.13, 7, 241],
      ['16', '2018-11-14 06:36:13', 9.87, 15, 208],
      ['49', '2018-11-14 08:33:03', 11.85, 39, 650],
      ['88', '2018-11-19 18:55:15', 17.31, 29, 241],
      ['15', '2018-11-21 11:13:32', 19.09, 1, 135],
    ]);
  });
});
