import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { configFromSettings } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { transformSteps } from '../../src/sql/transform.js';
import { binPath, buildPackage } from '../helpers/build.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-crash-'));
beforeAll(buildPackage, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every point between steps where a run can die; SPARKIFY_FAULT_AT kills the process there with SIGKILL. */
const faultPoints = ['after-list', 'after-stage-songs', 'after-stage-events', ...transformSteps('main').map((s) => `after-transform-${s.name}`), 'before-commit', 'after-commit'];

function sparkify(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [binPath, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

describe.skipIf(!sampleAvailable())('a run killed at any point is repaired by the next run', () => {
  const src = join(dir, 'src');
  const days = sampleAvailable() ? readdirSync(join(udacitySample, 'log_data/2018/11')).sort().slice(0, 6) : [];
  const addDays = (from: number, to: number) => {
    mkdirSync(join(src, 'log_data'), { recursive: true });
    for (const day of days.slice(from, to)) copyFileSync(join(udacitySample, 'log_data/2018/11', day), join(src, 'log_data', day));
  };
  const source = () => ['--log-data', join(src, 'log_data'), '--song-data', join(udacitySample, 'song_data')];
  const args = (db: string) => ['run', ...source(), '--database', join(dir, db)];
  const snapshot = (db: string) => withWarehouse(loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, db) } }), starTableRows);

  let reference: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    addDays(0, 6);
    expect(sparkify(args('reference.duckdb')).status).toBe(0);
    reference = await snapshot('reference.duckdb');
    rmSync(join(src, 'log_data'), { recursive: true });
  }, 120_000);

  const cases = engines.flatMap((engine) => faultPoints.map((point) => [engine, point] as const));
  it.each(cases)('on %s, killed %s in a first run and in an incremental one', async (engine, point) => {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    const run = (env: Record<string, string> = {}) => sparkify(['run', ...source(), ...where], env);
    addDays(0, 3);
    expect(run({ SPARKIFY_FAULT_AT: point }).signal).toBe('SIGKILL');
    expect(run().status).toBe(0);
    addDays(3, 6);
    expect(run({ SPARKIFY_FAULT_AT: point }).signal).toBe('SIGKILL');
    expect(run().status).toBe(0);
    expect(await withWarehouse(configFromSettings(settings), starTableRows)).toEqual(reference);
    const runs = JSON.parse(sparkify(['runs', ...where, '--json']).stdout) as { status: string }[];
    // A run killed after its commit had already succeeded; any other killed run is marked abandoned by the next.
    const killed = point === 'after-commit' ? 'succeeded' : 'abandoned';
    expect(runs.map((r) => r.status).sort()).toEqual([killed, killed, 'succeeded', 'succeeded'].sort());
    rmSync(join(src, 'log_data'), { recursive: true });
  });
});
