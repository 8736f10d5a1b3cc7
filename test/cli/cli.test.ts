import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load-config.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI in-process', () => {
  it('lists the commands on --help and exits 0', async () => {
    const io = bufferIO(dir);
    expect(await main(['--help'], io)).toBe(0);
    for (const name of ['run', 'create-tables', 'etl', 'analyze', 'generate']) expect(io.out()).toContain(name);
  });

  it('shows the options of a command', async () => {
    const io = bufferIO(dir);
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--max-errors N');
  });

  it('names an unknown command and an unknown flag', async () => {
    const io = bufferIO(dir);
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
    expect(await main(['run', '--nope'], io)).toBe(2);
    expect(io.err()).toContain('unknown flag --nope — see `sparkify run --help`');
  });

  it('says what to do when etl runs before create-tables', async () => {
    const io = bufferIO(dir);
    expect(await main(['etl', '--source', dir, '--database', join(dir, 'empty.duckdb')], io)).toBe(1);
    expect(io.err()).toContain('run `sparkify create-tables` first');
  });

  it.skipIf(!sampleAvailable())('create-tables, etl --json, analyze on the real sample', async () => {
    const db = join(dir, 'cli.duckdb');
    const io = bufferIO(dir);
    expect(await main(['create-tables', '--database', db], io)).toBe(0);
    expect(io.out()).toContain('created 16 tables');
    const etl = bufferIO(dir);
    expect(await main(['etl', '--source', udacitySample, '--database', db, '--json'], etl)).toBe(0);
    const summary = JSON.parse(etl.out());
    expect(summary).toMatchObject({ target: 'duckdb', tables: { songplays: 6820, users: 97, time: 6813 }, songplays_matched: 1, rejects: { events: 0, songs: 0 } });
    expect(summary.checks.length).toBeGreaterThan(10);
    expect(Object.keys(summary.timings_ms)).toEqual(expect.arrayContaining(['stage', 'transform', 'check', 'total']));
    const human = bufferIO(dir);
    expect(await main(['etl', '--source', udacitySample, '--database', db], human)).toBe(0);
    expect(human.out()).toMatch(/songplays\s+6,820/);
    expect(human.out()).toContain('matched to a catalog song: 1 of 6,820 (0.01%)');
  });

  it('fails with --max-errors and leaves the previous warehouse as it was', async () => {
    const src = join(dir, 'bad');
    mkdirSync(join(src, 'log_data'), { recursive: true });
    mkdirSync(join(src, 'song_data'), { recursive: true });
    const good = { page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1541106106796, userId: '5', level: 'free' };
    writeFileSync(join(src, 'log_data', 'a.json'), `${JSON.stringify(good)}\n`);
    writeFileSync(join(src, 'song_data', 's.json'), JSON.stringify({ song_id: 'S1', artist_id: 'A1', title: 'T' }));
    const db = join(dir, 'maxerr.duckdb');
    expect(await main(['run', '--source', src, '--database', db], bufferIO(dir))).toBe(0);
    writeFileSync(join(src, 'log_data', 'b.json'), `{"broken\n${JSON.stringify({ ...good, itemInSession: 1 })}\nnot json\n`);
    const io = bufferIO(dir);
    expect(await main(['etl', '--source', src, '--database', db, '--max-errors', '1'], io)).toBe(1);
    expect(io.err()).toMatch(/2 records rejected .*more than --max-errors 1; the warehouse was not changed/);
    const config = loadConfig({ cwd: dir, env: {}, flags: { database: db } });
    const plays = await withWarehouse(config, (w) => w.query('SELECT session_id, item_in_session FROM songplays'));
    expect(plays).toEqual([{ session_id: 1, item_in_session: 0 }]);
  });
});
