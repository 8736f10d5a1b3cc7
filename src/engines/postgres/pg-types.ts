import type pg from 'pg';

/*
 * Parsers that make PostgreSQL rows hold the same plain values as DuckDB's (see
 * ../plain-values.ts): TIMESTAMP read as UTC, never as the Node process's local time;
 * bigint and numeric as numbers; JSON kept as its text.
 */

const oid = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184, json: 114, jsonb: 3802 };

const timestampText = /^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?( BC)?$/;

/** `2018-11-01 21:01:46.796123` (a TIMESTAMP, taken as UTC) → `2018-11-01T21:01:46.796Z`; the text itself when JS cannot hold it. */
export function parseUtcTimestamp(text: string): string {
  const m = timestampText.exec(text);
  if (!m) return text; // infinity, -infinity
  const year = m[8] ? 1 - Number(m[1]) : Number(m[1]);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)); // truncated, as DuckDB's Date is
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), millis);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

const asNumber = (text: string) => Number(text);
const asText = (text: string) => text;

/** Installs the parsers on one client (not globally, so other pg users in the process are untouched). */
export function installTypeParsers(client: pg.Client): void {
  client.setTypeParser(oid.int8, 'text', asNumber);
  client.setTypeParser(oid.numeric, 'text', asNumber);
  client.setTypeParser(oid.timestamp, 'text', parseUtcTimestamp);
  client.setTypeParser(oid.date, 'text', parseUtcTimestamp);
  client.setTypeParser(oid.timestamptz, 'text', (text: string) => {
    const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  });
  client.setTypeParser(oid.json, 'text', asText);
  client.setTypeParser(oid.jsonb, 'text', asText);
}
