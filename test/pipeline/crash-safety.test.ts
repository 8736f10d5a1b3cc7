import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { withWarehouse } from '../../src/pipeline/run-pipeline.js';
import { transformSteps } from '../../src/sql/transform.js';
import { binPath, buildPackage } from '../helpers/build.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-crash-'));
beforeAll(buildPackage, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every point between steps where a run can die; SPARKIFY_FAULT_AT kills the process there with SIGKILL. */
const faultPoints = [
  'after-list',
  'after-stage-songs',
  'after-stage-events',
  ...transformSteps('main').map((s) => `after-transform-${s.name}`),
  'before-commit',
  'after-commit',
];

function sparkify(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [binPath, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

describe.skipIf(!sampleAvailable())('a run killed at any point is repaired by the next run (DuckDB)', () => {
  const src = join(dir, 'src');
  const days = sampleAvailable() ? readdirSync(join(udacitySample, 'log_data/2018/11')).sort().slice(0, 6) : [];
  const addDays = (from: number, to: number) => {
    mkdirSync(join(src, 'log_data'), { recursive: true });
    for (const day of days.slice(from, to)) copyFileSync(join(udacitySample, 'log_data/2018/11', day), join(src, 'log_data', day));
  };
  const args = (db: string) => ['run', '--log-data', join(src, 'log_data'), '--song-data', join(udacitySample, 'song_data'), '--database', join(dir, db)];
  const snapshot = (db: string) => withWarehouse(loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, db) } }), starTableRows);

  let reference: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    addDays(0, 6);
    expect(sparkify(args('reference.duckdb')).status).toBe(0);
    reference = await snapshot('reference.duckdb');
    rmSync(join(src, 'log_data'), { recursive: true });
  }, 120_000);

  it.each(faultPoints)('killed %s, in a first run and in an incremental one', async (point) => {
    const db = `crash-${point}.duckdb`;
    addDays(0, 3);
    const first = sparkify(args(db), { SPARKIFY_FAULT_AT: point });
    expect(first.signal).toBe('SIGKILL');
    expect(sparkify(args(db)).status).toBe(0);
    addDays(3, 6);
    const second = sparkify(args(db), { SPARKIFY_FAULT_AT: point });
    expect(second.signal).toBe('SIGKILL');
    const again = sparkify([...args(db), '--json']);
    expect(again.status).toBe(0);
    expect(await snapshot(db)).toEqual(reference);
    const runs = JSON.parse(sparkify(['runs', '--database', join(dir, db), '--json']).stdout) as { status: string }[];
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
    rmSync(join(src, 'log_data'), { recursive: true });
  });
});
