import type { RecordField } from '../../schema/record-fields.js';
import type { RecordValues } from '../../sources/decode-record.js';

/*
 * Rows in PostgreSQL's COPY text format: columns split by tab, rows ended by newline,
 * NULL written \N, and backslash, tab, newline and carriage return escaped.
 */

const needsEscape = /[\\\t\n\r\0]/;
const escapable = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value PostgreSQL cannot store, though the record rules accept it: the record is rejected, not the load. */
export class UnencodableValue extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** One text value for COPY; NUL is refused because PostgreSQL text cannot hold it. */
export function copyText(value: string): string {
  if (!needsEscape.test(value)) return value;
  if (value.includes('\0')) throw new UnencodableValue('contains a NUL character, which PostgreSQL text cannot store');
  return value.replace(escapable, (c) => escapes[c]!);
}

/** 4714-11-24 BC 00:00 UTC, the first instant a PostgreSQL TIMESTAMP holds, in epoch ms. */
const earliestTimestampMs = -210_866_803_200_000;
const firstIsoYearMs = -62_135_596_800_000; // 0001-01-01
const lastIsoYearMs = 253_402_300_799_999; // 9999-12-31 23:59:59.999

/** Epoch milliseconds as TIMESTAMP input, in UTC: ISO 8601 where it can be, PostgreSQL's own spelling beyond years 1–9999. */
export function copyTimestamp(ms: number): string {
  if (ms >= firstIsoYearMs && ms <= lastIsoYearMs) return new Date(ms).toISOString();
  if (ms < earliestTimestampMs) throw new UnencodableValue('is before 4714 BC, the earliest PostgreSQL TIMESTAMP');
  const day = Math.floor(ms / 86_400_000);
  const [year, month, dayOfMonth] = civilDate(day);
  const t = ms - day * 86_400_000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const time = `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
  const era = year <= 0 ? ' BC' : '';
  return `${pad(year <= 0 ? 1 - year : year, 4)}-${pad(month)}-${pad(dayOfMonth)} ${time}${era}`;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month, day] (H. Hinnant's algorithm; year 0 = 1 BC). */
function civilDate(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** How a field is written: its number as text, escaped text, or a timestamp. */
const Kind = { Number: 0, Text: 1, Timestamp: 2 } as const;

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * copyTimestamp for a stream of nearby instants: the date part is computed once per day
 * and the time from integers (a third of the cost of Date#toISOString on 1M events).
 */
function timestampWriter(): (ms: number) => string {
  let day = NaN;
  let datePrefix = '';
  return (ms) => {
    if (ms < firstIsoYearMs || ms > lastIsoYearMs) return copyTimestamp(ms);
    const d = Math.floor(ms / 86_400_000);
    if (d !== day) {
      day = d;
      datePrefix = new Date(d * 86_400_000).toISOString().slice(0, 11);
    }
    let t = ms - d * 86_400_000;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const second = t % 60;
    t = (t - second) / 60;
    const minute = t % 60;
    return `${datePrefix}${pad2[(t - minute) / 60]}:${pad2[minute]}:${pad2[second]}.${pad3[milli]}Z`;
  };
}

/** Encodes decoded records of one kind as COPY rows: the staging columns in field order, then `sourceFile` (already `copyText`-encoded). */
export function copyRowEncoder(fields: RecordField[]): (values: RecordValues, sourceFile: string) => string {
  const kinds = fields.map((f) => (f.kind === 'epoch_ms' ? Kind.Timestamp : f.kind === 'string' || f.kind === 'id' ? Kind.Text : Kind.Number));
  const timestamp = timestampWriter();
  return (values, sourceFile) => {
    let row = '';
    for (let i = 0; i < kinds.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) row += '\\N\t';
      else if (kinds[i] === Kind.Text) row += `${needsEscape.test(value as string) ? escapeText(value as string, fields[i]!) : value}\t`;
      else if (kinds[i] === Kind.Timestamp) row += `${timestamp(value as number)}\t`;
      else row += `${value}\t`;
    }
    return `${row}${sourceFile}\n`;
  };
}

function escapeText(value: string, field: RecordField): string {
  try {
    return copyText(value);
  } catch (error) {
    if (error instanceof UnencodableValue) throw new UnencodableValue(`field "${field.key}" ${error.reason}`);
    throw error;
  }
}
