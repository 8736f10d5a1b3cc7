import { describe, expect, it } from 'vitest';
import { parseUtcTimestamp } from '../../src/engines/postgres/pg-types.js';

describe('PostgreSQL TIMESTAMP text as plain values', () => {
  it('reads a TIMESTAMP as UTC, whatever the local time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        expect(parseUtcTimestamp('2018-11-01 21:01:46.796')).toBe('2018-11-01T21:01:46.796Z');
        expect(parseUtcTimestamp('2018-03-25 02:30:00')).toBe('2018-03-25T02:30:00.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('truncates microseconds to milliseconds, as DuckDB values are', () => {
    expect(parseUtcTimestamp('2018-11-01 21:01:46.796999')).toBe('2018-11-01T21:01:46.796Z');
    expect(parseUtcTimestamp('2018-11-01 21:01:46.5')).toBe('2018-11-01T21:01:46.500Z');
  });

  it('reads dates, early years and BC; keeps what JS cannot hold as text', () => {
    expect(parseUtcTimestamp('2018-11-02')).toBe('2018-11-02T00:00:00.000Z');
    expect(parseUtcTimestamp('0045-01-01 00:00:00')).toBe('0045-01-01T00:00:00.000Z');
    expect(parseUtcTimestamp('0001-12-31 23:59:59.999 BC')).toBe('0000-12-31T23:59:59.999Z');
    expect(parseUtcTimestamp('infinity')).toBe('infinity');
    expect(parseUtcTimestamp('287396-10-12 08:59:00.991')).toBe('287396-10-12 08:59:00.991');
  });
});
