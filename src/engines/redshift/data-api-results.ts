import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';
import { parseUtcTimestamp } from '../postgres/pg-types.js';
import type { Row } from '../warehouse.js';

/*
 * Data API fields → the plain values every engine's rows hold (see ../plain-values.ts):
 * TIMESTAMP text read as UTC and written ISO, NUMERIC as a number, NULL as null.
 */

const timestampTypes = new Set(['timestamp', 'date']);
const numericTypes = new Set(['numeric', 'decimal']);

/** One field of a result row, typed by its column. */
export function plainField(field: Field, column: ColumnMetadata | undefined): Row[string] {
  if (field.isNull) return null;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.longValue !== undefined) return Number(field.longValue);
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.stringValue !== undefined) {
    const type = (column?.typeName ?? '').toLowerCase();
    if (timestampTypes.has(type)) return parseUtcTimestamp(field.stringValue);
    if (type === 'timestamptz') return utcOfZoned(field.stringValue);
    if (numericTypes.has(type)) return Number(field.stringValue);
    return field.stringValue;
  }
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue).toString('base64');
  return null;
}

/** `2018-11-01 21:01:46.796+00` → ISO; the text itself when it is not a time. */
function utcOfZoned(text: string): string {
  const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** Records of one result page as rows keyed by column name (labels first, as SQL aliases are). */
export function recordsToRows(columns: ColumnMetadata[], records: Field[][]): Row[] {
  const names = columns.map((c, i) => c.label || c.name || `column${i + 1}`);
  return records.map((record) => {
    const row: Row = {};
    record.forEach((field, i) => {
      row[names[i] ?? `column${i + 1}`] = plainField(field, columns[i]);
    });
    return row;
  });
}
