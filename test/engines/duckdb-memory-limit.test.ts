import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { duckdbMemoryLimit } from '../../src/engines/duckdb/duckdb-memory-limit.js';

describe('the DuckDB memory limit', () => {
  it('is the configured one when set', () => {
    expect(duckdbMemoryLimit('1536MB')).toBe('1536MB');
  });

  it('is a quarter of the machine, at least 1 GB, when not set', () => {
    const mb = Number(duckdbMemoryLimit('').replace('MB', ''));
    expect(mb).toBe(Math.round(Math.max(1024 ** 3, totalmem() / 4) / 1024 ** 2));
    expect(mb).toBeGreaterThanOrEqual(1024);
  });
});
