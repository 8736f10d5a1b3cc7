import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockPoolSize, bytesOf, duckdbMemoryLimit } from '../../src/engines/duckdb/duckdb-memory-limit.js';
import { generateSample } from '../../src/generate/index.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { configFromSettings } from '../../src/pipeline/settings.js';
import { withReadOnlyWarehouse, withWarehouse } from '../../src/engines/with-warehouse.js';
import { engineSettings, engines } from '../helpers/engines.js';

describe('the DuckDB memory limit', () => {
  it('is the configured one when set', () => {
    expect(duckdbMemoryLimit('1536MB')).toBe('1536MB');
  });

  it('is 400 MB when not set (a quarter of the machine on a small one)', () => {
    const mb = Number(duckdbMemoryLimit('').replace('MB', ''));
    expect(mb).toBe(Math.round(Math.min(400 * 1024 ** 2, totalmem() / 4) / 1024 ** 2));
    expect(mb).toBeLessThanOrEqual(400);
  });
});

describe('a memory limit in bytes', () => {
  it('reads the forms DuckDB takes, and nothing else', () => {
    expect(bytesOf('400MB')).toBe(400e6);
    expect(bytesOf('1.5 GiB')).toBe(1.5 * 1024 ** 3);
    expect(bytesOf('2gb')).toBe(2e9);
    expect(bytesOf('80%')).toBeUndefined();
    expect(bytesOf('lots')).toBeUndefined();
  });
});

describe('the block pool size', () => {
  it('is half a limit given as a size, and none for any other form', () => {
    expect(blockPoolSize('400MB')).toBe('200000000B');
    expect(blockPoolSize('1 GiB')).toBe(`${2 ** 29}B`);
    expect(blockPoolSize('80%')).toBeUndefined();
  });
});

describe.skipIf(!engines.includes('duckdb'))('DuckDB out of memory', () => {
  it('is a clear error naming the setting that raises the limit, and the warehouse is left as it was', async () => {
    const settings = await engineSettings('duckdb');
    const source = join(settings.cwd, 'src');
    await generateSample({ outDir: source, events: 2000, songs: 20, seed: 3, days: 2 });
    const run = runPipeline({ ...settings, env: { ...settings.env, SPARKIFY_DUCKDB_MEMORY_LIMIT: '20MB' }, source });
    await expect(run).rejects.toMatchObject({
      code: 'ENGINE',
      message: expect.stringMatching(/out of memory within its limit of 20MB — raise it with \[LOCAL\] DUCKDB_MEMORY_LIMIT/),
    });
    const songplays = await withWarehouse(configFromSettings(settings), (w) => w.query('SELECT COUNT(*) AS n FROM songplays'));
    expect(songplays).toEqual([{ n: 0 }]);
    const summary = await runPipeline({ ...settings, source });
    expect(summary.tables.songplays).toBeGreaterThan(0);
  });
});

describe.skipIf(!engines.includes('duckdb'))('the buffer pool a run keeps', () => {
  const pool = "SELECT current_setting('block_allocator_memory') AS pool, current_setting('memory_limit') AS limit";

  it('is half the memory limit for a writer, and none for a reader', async () => {
    const settings = await engineSettings('duckdb');
    const config = configFromSettings({ ...settings, env: { ...settings.env, SPARKIFY_DUCKDB_MEMORY_LIMIT: '300MB' } });
    const [writer] = await withWarehouse(config, (w) => w.query(pool));
    expect(writer).toEqual({ pool: '143.0 MiB', limit: '286.1 MiB' }); // 150 MB of 300 MB, as DuckDB shows them
    const [reader] = await withReadOnlyWarehouse(config, (w) => w.query(pool));
    expect(reader!.pool).toBe('0 bytes');
  });
});

describe.skipIf(!engines.includes('duckdb'))('a memory limit DuckDB does not take', () => {
  it('is a clear error naming the setting, before anything is written', async () => {
    const settings = await engineSettings('duckdb');
    const config = configFromSettings({ ...settings, env: { ...settings.env, SPARKIFY_DUCKDB_MEMORY_LIMIT: '80%' } });
    await expect(withWarehouse(config, async () => undefined)).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'DuckDB did not take the memory limit "80%" ([LOCAL] DUCKDB_MEMORY_LIMIT or SPARKIFY_DUCKDB_MEMORY_LIMIT) — give a size, such as 2GB or 1536MB',
    });
    expect(existsSync(config.database)).toBe(false);
  });
});
