import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/engines/warehouse.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { runChecks } from '../../src/pipeline/run-checks.js';
import { planTransform } from '../../src/pipeline/transform-plan.js';
import { allTables } from '../../src/schema/tables.js';
import { checkQueries } from '../../src/sql/checks.js';
import { qualified } from '../../src/sql/quote.js';
import { tableNames } from '../../src/sql/table-names.js';
import { engines, engineSettings, withTestWarehouse } from '../helpers/engines.js';

/*
 * The checks sparkify reports as proven instead of querying (CheckQuery.provenBy) must be
 * unable to fail. Here each is run anyway, on the inputs that would break it if the
 * construction were wrong: keys repeated within a file, across files, and re-delivered by a
 * later run, on a first load (the variant without anti-joins) and on an increment.
 */

const play = (session: number, item: number, ts: number) =>
  JSON.stringify({ page: 'NextSong', sessionId: session, itemInSession: item, ts, userId: String(session), firstName: 'F', level: 'free', song: 'S', artist: 'A', length: 1 });

function writeLogs(root: string, files: Record<string, string[]>): void {
  mkdirSync(join(root, 'log_data'), { recursive: true });
  mkdirSync(join(root, 'song_data'), { recursive: true });
  writeFileSync(join(root, 'song_data', 'song.json'), JSON.stringify({ song_id: 'S1', artist_id: 'A1', title: 'S', artist_name: 'A', duration: 1 }));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(root, 'log_data', name), `${lines.join('\n')}\n`);
}

/** Every check proven on a first load, its own SQL run: the violations it finds. */
async function provenViolations(warehouse: Warehouse): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const query of checkQueries(warehouse.schema, tableNames(warehouse.schema), { firstLoad: true }).filter((q) => q.provenBy)) {
    const [row] = await warehouse.query(query.sql);
    query.names.forEach((name, i) => {
      found[name] = Number(row?.[`n${i}`] ?? 0);
    });
  }
  return found;
}

describe.each(engines)('checks proven by construction on %s', (engine) => {
  it('every key column a "key not null" check names refuses NULL', async () => {
    await withTestWarehouse(engine, async (warehouse) => {
      await createTables(warehouse, { drop: false });
      const proven = checkQueries(warehouse.schema).filter((q) => q.names[0]!.endsWith('key not null'));
      expect(proven).toHaveLength(5);
      for (const query of proven) {
        expect(query.provenBy).toBeDefined();
        const table = allTables.find((t) => query.names[0] === `${t.name} key not null`)!;
        const columns = [...query.sql.matchAll(/(\w+) IS NULL/g)].map((m) => m[1]!);
        for (const column of columns) {
          expect(table.columns.find((c) => c.name === column)?.notNull, `${table.name}.${column}`).toBe(true);
          // The other NOT NULL columns get a value, so the only NULL is the key's.
          const others = table.columns.filter((c) => c.notNull && c.name !== column && c.type !== 'identity');
          const value = (type: string) => (type === 'timestamp' ? "TIMESTAMP '2018-11-01 00:00:00'" : type === 'integer' ? '1' : "'x'");
          const names = [column, ...others.map((c) => c.name)].join(', ');
          const values = ['NULL', ...others.map((c) => value(c.type))].join(', ');
          await expect(warehouse.run(`INSERT INTO ${qualified(warehouse.schema, table.name)} (${names}) VALUES (${values})`), `${table.name}.${column}`).rejects.toThrow();
        }
      }
    });
  });

  it('repeated and re-delivered keys never break the unique and every-play checks, on a first load and on an increment', async () => {
    const settings = await engineSettings(engine);
    const root = join(settings.cwd, 'src');
    // (1,0) twice in one file and again in another; (2,0) in both files; (3,0) only once.
    writeLogs(root, {
      'a.json': [play(1, 0, 1_541_106_106_000), play(1, 0, 1_541_106_107_000), play(2, 0, 1_541_106_108_000)],
      'b.json': [play(1, 0, 1_541_106_109_000), play(2, 0, 1_541_106_108_000), play(3, 0, 1_541_106_110_000)],
    });
    // keepStaging: the staged rows stay readable for the checks' own SQL after the run.
    const first = await runPipeline({ ...settings, source: root, keepStaging: true });
    expect(first.tables.songplays).toBe(3);
    expect(first.checks.filter((c) => c.provenBy).map((c) => c.name)).toEqual(
      expect.arrayContaining(['songplays key unique', 'time key unique', 'every staged NextSong is a songplay']),
    );
    await withWarehouse(configFromSettings(settings), async (w) => {
      expect(await provenViolations(w)).toEqual(Object.fromEntries(Object.keys(await provenViolations(w)).map((k) => [k, 0])));
      // The plan saw repeated keys, so the transform kept its window.
      expect(await planTransform(w, tableNames(w.schema))).toMatchObject({ firstLoad: false, stagedKeysUnique: false });
    });

    // An increment re-delivers (2,0) and (3,0) with the same ts, and brings (4,0) twice.
    writeLogs(root, { 'c.json': [play(2, 0, 1_541_106_108_000), play(3, 0, 1_541_106_110_000), play(4, 0, 1_541_106_111_000), play(4, 0, 1_541_106_111_000)] });
    const second = await runPipeline({ ...settings, source: root, keepStaging: true });
    expect(second.tables.songplays).toBe(4);
    await withWarehouse(configFromSettings(settings), async (w) => {
      const found = await provenViolations(w);
      expect(
        Object.values(found).every((n) => n === 0),
        JSON.stringify(found),
      ).toBe(true);
    });
  });

  it('a first load of unique keys (no window, no anti-joins) gives what the general steps give', async () => {
    const settings = await engineSettings(engine);
    const root = join(settings.cwd, 'src');
    writeLogs(root, { 'a.json': [play(1, 0, 1_541_106_106_000), play(1, 1, 1_541_106_106_500), play(2, 0, 1_541_106_108_000)] });
    const first = await runPipeline({ ...settings, source: root, keepStaging: true });
    await withWarehouse(configFromSettings(settings), async (w) => {
      expect(await planTransform(w, tableNames(w.schema))).toMatchObject({ firstLoad: false, stagedKeysUnique: true });
      const found = await provenViolations(w);
      expect(
        Object.values(found).every((n) => n === 0),
        JSON.stringify(found),
      ).toBe(true);
    });
    const again = await runPipeline({ ...settings, source: root, fullRefresh: true });
    expect(again.tables).toEqual({ ...first.tables });
  });

  it('on a first load every reference from songplays holds: logged-out plays, unknown songs, users seen only on other pages', async () => {
    const settings = await engineSettings(engine);
    const root = join(settings.cwd, 'src');
    const event = (over: Record<string, unknown>) => JSON.stringify({ page: 'NextSong', sessionId: 5, ts: 1_541_106_106_000, firstName: 'F', level: 'free', length: 1, ...over });
    writeLogs(root, {
      'a.json': [
        event({ itemInSession: 0, userId: '7', song: 'S', artist: 'A' }),
        event({ itemInSession: 1, userId: '7', song: 'Nope', artist: 'Nobody', ts: 1_541_106_106_000 }),
        event({ itemInSession: 2, userId: '', song: 'S', artist: 'A', ts: 1_541_106_107_000 }),
        event({ itemInSession: 3, userId: 8, page: 'Home', level: 'paid', ts: 1_541_106_108_000 }),
        event({ itemInSession: 4, userId: '8', song: 'S', artist: 'A', level: null, ts: 1_541_106_109_000 }),
      ],
    });
    const first = await runPipeline({ ...settings, source: root, keepStaging: true });
    expect(first.tables.songplays).toBe(4);
    expect(first.checks.find((c) => c.name === 'songplays.start_time found in time')?.provenBy).toBeDefined();
    await withWarehouse(configFromSettings(settings), async (w) => {
      const found = await provenViolations(w);
      expect(Object.keys(found)).toEqual(expect.arrayContaining(['songplays.start_time found in time', 'songplays.user_id found in users', 'songplays.song_id found in songs']));
      expect(
        Object.values(found).every((n) => n === 0),
        JSON.stringify(found),
      ).toBe(true);
    });
    // An increment queries it.
    writeLogs(root, { 'b.json': [event({ itemInSession: 9, userId: '9', song: 'S', artist: 'A', ts: 1_541_106_200_000 })] });
    const second = await runPipeline({ ...settings, source: root });
    expect(second.checks.find((c) => c.name === 'songplays.start_time found in time')).toMatchObject({ ok: true, violations: 0 });
    expect(second.checks.find((c) => c.name === 'songplays.start_time found in time')?.provenBy).toBeUndefined();
  });

  it('reports the proven checks without querying them, and still runs the others', async () => {
    await withTestWarehouse(engine, async (warehouse) => {
      await createTables(warehouse, { drop: false });
      const sent: string[] = [];
      const query = warehouse.query.bind(warehouse);
      warehouse.query = async (sql, params) => {
        sent.push(sql);
        return query(sql, params);
      };
      const results = await runChecks(warehouse);
      const all = checkQueries(warehouse.schema);
      for (const q of all.filter((q) => q.provenBy)) expect(sent).not.toContain(q.sql);
      for (const q of all.filter((q) => !q.provenBy)) expect(sent).toContain(q.sql);
      expect(results.map((r) => r.name)).toEqual(all.flatMap((q) => q.names));
      expect(results.filter((r) => r.provenBy).every((r) => r.ok && r.violations === 0)).toBe(true);
    });
  });
});
