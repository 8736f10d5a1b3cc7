import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { duckdbMemoryLimit } from '../../src/engines/duckdb/duckdb-memory-limit.js';

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
