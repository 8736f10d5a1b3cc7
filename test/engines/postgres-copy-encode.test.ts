import { describe, expect, it } from 'vitest';
import { eventFields } from '../../src/schema/record-fields.js';
import { copyRowEncoder, copyText, copyTimestamp, UnencodableValue } from '../../src/engines/postgres/copy-encode.js';

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyText('plain é 🎵 "quoted" \'single\'')).toBe('plain é 🎵 "quoted" \'single\'');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('')).toBe('');
  });

  it('refuses NUL, which PostgreSQL text cannot hold', () => {
    expect(() => copyText('a\u0000b')).toThrow(UnencodableValue);
  });

  it('writes epoch milliseconds as ISO 8601 UTC, keeping the milliseconds', () => {
    expect(copyTimestamp(1541105830796)).toBe('2018-11-01T20:57:10.796Z');
    expect(copyTimestamp(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(copyTimestamp(-1)).toBe('1969-12-31T23:59:59.999Z');
  });

  it('spells years outside 1–9999 the way PostgreSQL reads them', () => {
    expect(copyTimestamp(253402300800000)).toBe('10000-01-01 00:00:00.000');
    expect(copyTimestamp(-62135596800001)).toBe('0001-12-31 23:59:59.999 BC');
    expect(copyTimestamp(-210866803200000)).toBe('4714-11-24 00:00:00.000 BC');
    expect(() => copyTimestamp(-210866803200001)).toThrow(/before 4714 BC/);
  });

  it('agrees with Date for every day of a 400-year cycle past year 9999', () => {
    // 10000–10399 repeats the Gregorian calendar of 2000–2399 exactly.
    const cycleMs = 146_097 * 86_400_000;
    for (let day = 0; day < 146_097; day += 37) {
      const ms = Date.UTC(2000, 0, 1) + day * 86_400_000 + 45_296_789;
      const iso = new Date(ms).toISOString();
      const expected = `${Number(iso.slice(0, 4)) + 8000}${iso.slice(4, 10)} ${iso.slice(11, 23)}`;
      expect(copyTimestamp(ms + 20 * cycleMs)).toBe(expected);
    }
  });

  it('encodes a decoded record as one row: NULL as \\N, source_file last', () => {
    const encode = copyRowEncoder(eventFields);
    const values = eventFields.map((f): string | number | null => (f.kind === 'epoch_ms' ? 1541105830796 : f.kind === 'string' || f.kind === 'id' ? null : 7));
    values[0] = 'Tab\there';
    const row = encode(values, copyText('/data/a\tb.json'));
    const columns = row.slice(0, -1).split('\t');
    expect(row.endsWith('\n')).toBe(true);
    expect(columns).toHaveLength(eventFields.length + 1);
    expect(row.startsWith('Tab\\there\t\\N\t')).toBe(true);
    expect(columns[eventFields.findIndex((f) => f.key === 'ts')]).toBe('2018-11-01T20:57:10.796Z');
    expect(row.endsWith('\t/data/a\\tb.json\n')).toBe(true);
  });

  it('writes the same timestamps in rows as copyTimestamp does, across days, eras and odd values', () => {
    const encode = copyRowEncoder(eventFields);
    const at = eventFields.findIndex((f) => f.key === 'ts');
    const samples = [0, -1, 1541105830796, 1541116799999, 1541116800000, 86_399_999, -62135596800000, 253402300799999, 253402300800000, -62135596800001];
    for (let i = 0; i < 2000; i++) samples.push(Math.round((Math.random() - 0.3) * 4e14));
    for (const ms of samples) {
      const values = eventFields.map((): string | number | null => null);
      values[at] = ms;
      expect(encode(values, 'f').split('\t')[at], String(ms)).toBe(copyTimestamp(ms));
    }
  });

  it('names the field of a value it cannot encode', () => {
    const encode = copyRowEncoder(eventFields);
    const values = eventFields.map(() => null as string | number | null);
    values[eventFields.findIndex((f) => f.key === 'song')] = 'a\u0000b';
    expect(() => encode(values, 'f')).toThrow(/field "song" contains a NUL character/);
  });
});
