import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/index.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-accept-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!sampleAvailable())('the real Udacity sample on DuckDB', () => {
  it('reproduces the facts of the sample', async () => {
    const summary = await runPipeline({ source: udacitySample, database: join(dir, 'w.duckdb'), cwd: dir, env: {} });
    expect(summary.tables).toEqual({
      staging_events: 8056,
      staging_songs: 71,
      songplays: 6820,
      users: 97,
      songs: 71,
      artists: 69,
      time: 6813,
    });
    expect(summary.songplays_matched).toBe(1);
    expect(summary.rejects).toEqual({ events: 0, songs: 0 });
    expect(summary.checks.every((c) => c.ok)).toBe(true);
  });
});
