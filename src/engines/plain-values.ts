import type { Row } from './warehouse.js';

/** Timestamps without zone are read and written as UTC on every engine. */
export function isoTimestamp(date: Date): string {
  return date.toISOString();
}

/** Turns a driver value into the plain value every engine's rows use. */
export function plainValue(value: unknown): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return isoTimestamp(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

export function plainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = plainValue(value);
  return out;
}
