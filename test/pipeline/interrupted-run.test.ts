import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFromSettings } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { binPath, buildPackage } from '../helpers/build.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';
import { stoppedProcess } from '../helpers/stopped-process.js';

beforeAll(buildPackage, 120_000);

const days = sampleAvailable() ? readdirSync(join(udacitySample, 'log_data/2018/11')).sort().slice(0, 3) : [];

/** Where each signal is sent: a run held (SIGSTOP) inside the publish transaction, or just before it. */
const cases = engines.flatMap(
  (engine) =>
    [
      [engine, 'SIGINT', 'after-transform-songplays', 130, /^interrupted by SIGINT during (transform \([a-z-]+\)|check)$/],
      [engine, 'SIGTERM', 'after-stage-events', 143, /^interrupted by SIGTERM during transform( \([a-z-]+\))?$/],
    ] as const,
);

describe.skipIf(!sampleAvailable())('a run stopped by Ctrl-C or SIGTERM', () => {
  it.each(cases)(
    'on %s, %s at %s rolls back, is recorded as interrupted, and exits %i',
    async (engine, signal, point, exitCode, recorded) => {
      const settings = await engineSettings(engine);
      const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
      const src = join(settings.cwd, 'src');
      mkdirSync(join(src, 'log_data'), { recursive: true });
      const addDay = (i: number) => copyFileSync(join(udacitySample, 'log_data/2018/11', days[i]!), join(src, 'log_data', days[i]!));
      const source = ['--log-data', join(src, 'log_data'), '--song-data', join(udacitySample, 'song_data')];
      const sparkify = (...args: string[]) =>
        spawnSync(process.execPath, [binPath, ...args, ...source, ...where], { cwd: settings.cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
      const snapshot = () => withWarehouse(configFromSettings(settings), starTableRows);
      const runs = () =>
        JSON.parse(spawnSync(process.execPath, [binPath, 'runs', '--json', ...where], { cwd: settings.cwd, encoding: 'utf8' }).stdout) as {
          status: string;
          error: string | null;
        }[];

      addDay(0);
      expect(sparkify('run').status).toBe(0);
      const before = await snapshot();

      addDay(1);
      const child = spawn(process.execPath, [binPath, 'etl', ...source, ...where], { cwd: settings.cwd, env: { PATH: process.env.PATH, SPARKIFY_PAUSE_AT: point } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
      const until = Date.now() + 30_000;
      while (!stderr.includes(`paused at ${point}`)) {
        if (Date.now() > until) throw new Error(`the etl never paused: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await stoppedProcess(child.pid!);
      child.kill(signal);
      child.kill('SIGCONT');
      expect(await exited).toEqual({ code: exitCode, signal: null });

      const lines = stderr.trim().split('\n');
      expect(lines[0]).toBe(`sparkify: paused at ${point}`);
      expect(lines.slice(1)).toHaveLength(1);
      expect(lines[1]).toMatch(
        new RegExp(`^sparkify etl: interrupted by ${signal} during .*: rolled back, the warehouse is as it was \\(run \\S+ is marked interrupted in etl_runs\\)$`),
      );
      expect(await snapshot()).toEqual(before);
      const [last] = runs();
      expect(last?.status).toBe('interrupted');
      expect(last?.error).toMatch(recorded);

      // The next run loads the day; the interrupted run stays recorded as such.
      const next = sparkify('etl');
      expect(next.status).toBe(0);
      expect((await snapshot()).songplays!.length).toBeGreaterThan(before.songplays!.length);
      expect(runs().map((r) => r.status)).toEqual(['succeeded', 'interrupted', 'succeeded']);
    },
    60_000,
  );
});
