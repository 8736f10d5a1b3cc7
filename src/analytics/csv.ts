import type { Row } from '../engines/warehouse.js';
import type { ColumnSpec } from './query-def.js';

/** RFC 4180 CSV: a header line, then one line per row; fields with , " or newlines are quoted. */
export function toCsv(columns: ColumnSpec[], rows: Row[]): string {
  const field = (value: Row[string] | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((c) => field(c.key)), ...rows.map((r) => columns.map((c) => field(r[c.key])))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
