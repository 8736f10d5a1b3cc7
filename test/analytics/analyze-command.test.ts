import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticQueries } from '../../src/analytics/queries.js';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { sampleAvailable } from '../helpers/sample.js';
import { buildSampleWarehouse, type SampleWarehouse } from './sample-warehouse.js';

/** Runs `sparkify …` in-process and returns the exit code and what it printed. */
async function sparkify(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write: (chunk, _encoding, done) => {
        into.push(String(chunk));
        done();
      },
    });
  const io: CliIO = { stdout: sink(out), stderr: sink(err), cwd, env: {} };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('sparkify analyze, without a warehouse', () => {
  it('lists every analysis with its title, parameters and description', async () => {
    const { code, out } = await sparkify(['analyze'], '/');
    expect(code).toBe(0);
    for (const q of analyticQueries) {
      expect(out).toContain(q.name);
      expect(out).toContain(q.description);
    }
    expect(out).toMatch(/top-users\s+Most active users\s+\[--from --to --level --limit\]/);
    const listed = JSON.parse((await sparkify(['analyze', '--json'], '/')).out) as { name: string; params: string[] }[];
    expect(listed.map((q) => q.name)).toEqual(analyticQueries.map((q) => q.name));
    expect(listed.find((q) => q.name === 'sessions')?.params).toEqual(['from', 'to', 'level']);
  });

  it('bad names and parameters are usage errors (exit 2) that say what to do', async () => {
    expect(await sparkify(['analyze', 'top-user'], '/')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown analysis "top-user" — did you mean "top-users"?; known: plays-by-day,'),
    });
    expect(await sparkify(['analyze', 'top-users', '--from', '11/01/2018'], '/')).toMatchObject({
      code: 2,
      err: 'sparkify analyze: --from must be a date as YYYY-MM-DD, got "11/01/2018"\n',
    });
    expect((await sparkify(['analyze', 'sessions', '--limit', '5'], '/')).err).toContain('"sessions" does not take --limit; "sessions" takes: --from, --to, --level');
    expect((await sparkify(['analyze', 'top-users', '--json', '--csv'], '/')).err).toContain('choose one of --json and --csv');
  });
});

describe.skipIf(!sampleAvailable())('sparkify analyze on the real sample', () => {
  let sample: SampleWarehouse;
  let flags: string[];
  beforeAll(async () => {
    sample = await buildSampleWarehouse('duckdb', { open: false });
    flags = ['--database', sample.settings.database];
  });
  afterAll(() => sample?.dispose());

  it('prints a table and a bar chart', async () => {
    const { code, out } = await sparkify(['analyze', 'top-users', '--limit', '3', ...flags], sample.settings.cwd);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Most active users',
        'Users with the most song plays, with their sessions and current level.',
        '',
        'user_id  name          level  plays  sessions',
        '───────  ────────────  ─────  ─────  ────────',
        '49       Chloe Cuevas  paid     689        42',
        '80       Tegan Levine  paid     665        33',
        '97       Kate Harrell  paid     557        16',
        '',
        'Chloe Cuevas  ████████████████████████████████████████ 689',
        'Tegan Levine  ██████████████████████████████████████▋ 665',
        'Kate Harrell  ████████████████████████████████▍ 557',
        '',
      ].join('\n'),
    );
  });

  it('a time series gets a sparkline; the filter shows in the title', async () => {
    const { out } = await sparkify(['analyze', 'plays-by-day', '--from', '2018-11-10', '--to', '2018-11-12', '--level', 'paid', ...flags], '/');
    expect(out).toContain('Plays per day (2018-11-10 to 2018-11-12, level paid)');
    expect(out).toMatch(/\n[▁▂▃▄▅▆▇█ ]{3} {2}2018-11-10 … 2018-11-12 {2}\(max \d+, total \d+\)\n/);
  });

  it('--json prints the result with its parameters, --csv the rows', async () => {
    const json = JSON.parse((await sparkify(['analyze', 'catalog-coverage', '--json', ...flags], '/')).out);
    expect(json).toMatchObject({
      name: 'catalog-coverage',
      params: {},
      rows: [
        { match: 'matched', plays: 1 },
        { match: 'unmatched', plays: 6819 },
      ],
    });
    const csv = (await sparkify(['analyze', 'plays-by-state', '--csv', '--limit', '2', ...flags], '/')).out;
    expect(csv).toBe('state,plays,users\r\nCA,1572,17\r\nME,665,1\r\n');
  });

  it('`all` runs every analysis, applying each flag where it fits', async () => {
    const { code, out } = await sparkify(['analyze', 'all', '--json', '--limit', '2', ...flags], '/');
    expect(code).toBe(0);
    const results = JSON.parse(out) as { name: string; params: Record<string, unknown>; rows: unknown[] }[];
    expect(results.map((r) => r.name)).toEqual(analyticQueries.map((q) => q.name));
    expect(results.find((r) => r.name === 'top-users')?.rows).toHaveLength(2);
    expect(results.find((r) => r.name === 'sessions')?.params).toEqual({});
  });

  it('a warehouse that was never built is a clear error, and no empty file is left behind', async () => {
    const missing = `${sample.settings.cwd}/empty.duckdb`;
    const { code, err } = await sparkify(['analyze', 'top-users', '--database', missing], '/');
    expect(code).toBe(1);
    expect(err).toContain(`no warehouse at ${missing}`);
    expect(err).toContain('run `sparkify run --source DIR` first');
    expect(existsSync(missing)).toBe(false);
  });

  it('a DuckDB file without the tables is a clear error', async () => {
    const bare = `${sample.settings.cwd}/bare.duckdb`;
    (await DuckDBInstance.create(bare)).closeSync();
    const { code, err } = await sparkify(['analyze', 'top-users', '--database', bare], '/');
    expect(code).toBe(1);
    expect(err).toContain('no Sparkify tables in duckdb');
  });
});
