import type { Row } from '../engines/warehouse.js';

/** A numeric value from any engine (PostgreSQL returns BIGINT and NUMERIC as strings). */
export function num(value: Row[string] | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function isoDay(year: Row[string] | undefined, month: Row[string] | undefined, day: Row[string] | undefined): string {
  const pad = (v: Row[string] | undefined, width: number) => String(num(v)).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Every day from `first` to `last` (YYYY-MM-DD), both included. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Rows keyed by `key`, with a zero row (from `zero`) for every expected key that has none. */
export function fillGaps(rows: Row[], key: string, expected: (string | number)[], zero: (k: string | number) => Row): Row[] {
  const byKey = new Map(rows.map((r) => [String(r[key]), r]));
  return expected.map((k) => byKey.get(String(k)) ?? zero(k));
}
