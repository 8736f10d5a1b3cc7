import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, configFromSettings, findQuery, generateSample, runAnalysis, runPipeline, withWarehouse, type ProgressEvent, type SparkifyError } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-lib-'));
const database = join(dir, 'lib.duckdb');
const base = { cwd: dir, env: {}, database };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a call throws, for its code and message. */
async function failure(fn: () => unknown): Promise<SparkifyError> {
  try {
    await fn();
  } catch (error) {
    return error as SparkifyError;
  }
  throw new Error('expected a failure');
}

describe('the library from plain JavaScript', () => {
  beforeAll(async () => {
    await generateSample({ outDir: join(dir, 'sample'), events: 3000, songs: 100, seed: 3 });
  }, 60_000);

  it('runs, reports events, and analyzes — the README example', async () => {
    const events: ProgressEvent['phase'][] = [];
    const summary = await runPipeline({
      ...base,
      source: join(dir, 'sample'),
      maxErrors: 0,
      lockWaitSeconds: 5,
      cacheDir: join(dir, 'cache'),
      onProgress: (e) => events.push(e.phase),
    });
    expect(summary.tables.songplays).toBeGreaterThan(0);
    expect(events).toEqual(expect.arrayContaining(['list', 'stage', 'transform', 'check', 'done']));
    const days = await analyze('plays-by-day', { level: 'paid' }, base);
    expect(days.rows.length).toBeGreaterThan(0);
    expect(days.params).toEqual({ level: 'paid' });
  });

  it('takes every setting the CLI has', () => {
    const config = configFromSettings({
      ...base,
      lockWaitSeconds: 3,
      cacheDir: 'c',
      region: 'eu-west-1',
      s3Endpoint: 'http://127.0.0.1:9',
      via: 'data-api',
      stagingPrefix: 's3://b/m',
      compactTo: 's3://b/c',
      keepCompacted: true,
      maxErrors: 7,
    });
    expect(config).toMatchObject({ lockWaitSeconds: 3, cacheDir: join(dir, 'c'), region: 'eu-west-1', s3Endpoint: 'http://127.0.0.1:9', maxErrors: 7 });
    expect(config.redshift).toMatchObject({ via: 'data-api', stagingPrefix: 's3://b/m', compactTo: 's3://b/c', keepCompacted: true });
  });

  it('an unknown or mistyped setting throws a typed error that names the setting, not a flag', async () => {
    const unknown = await failure(() => configFromSettings({ ...base, sourse: 'x' } as never));
    expect(unknown.code).toBe('USAGE');
    expect(unknown.message).toMatch(/^unknown setting "sourse" — did you mean "source"\?; known: source, /);
    expect((await failure(() => configFromSettings({ ...base, maxErrors: -1 }))).message).toBe('setting "maxErrors" must be a whole number of 0 or more, got -1');
    expect((await failure(() => configFromSettings({ ...base, lockWaitSeconds: '5' as never }))).message).toBe(
      'setting "lockWaitSeconds" must be a whole number of 0 or more, got "5"',
    );
    const missing = await failure(() => runPipeline({ ...base, source: join(dir, 'nope') }));
    expect(missing.message).toBe(`source ${join(dir, 'nope')} does not exist — check the source setting`);
    const target = await failure(() => runPipeline({ ...base, target: 'oracle' as never }));
    expect(target.message).toBe('the target setting must be one of duckdb, postgres, redshift, got "oracle"');
    expect(target.message).not.toContain('--');
  });

  it('bad analysis parameters throw a typed error instead of returning nothing', async () => {
    for (const [params, message] of [
      [{ level: 'gold' }, 'level must be free or paid, got "gold"'],
      [{ form: '2018-11-01' }, 'unknown parameter "form"; "plays-by-day" takes: from, to, level'],
      [{ from: '2018-11-31' }, 'from must be a date as YYYY-MM-DD, got "2018-11-31"'],
      [{ from: new Date() }, /^from must be a string, got "/],
    ] as const) {
      const error = await failure(() => analyze('plays-by-day', params as never, base));
      expect(error.code).toBe('USAGE');
      expect(error.message).toMatch(message);
    }
    const query = findQuery('top-users');
    const lowLevel = await failure(() => withWarehouse(configFromSettings(base), (w) => runAnalysis(w, query, { limit: 10, level: 'gold' as never })));
    expect(lowLevel.message).toBe('level must be free or paid, got "gold"');
  });
});
