import type { FieldKind, RecordField } from '../../schema/record-fields.js';
import { epochMsRange } from '../../sources/decode-record.js';
import { quoteIdent } from '../../sql/quote.js';

/*
 * The record rules of src/schema/record-fields.ts as DuckDB SQL over JSON-typed columns,
 * so the native reader checks records exactly as src/sources/decode-record.ts does.
 * Types are told by the first character of the raw JSON text: no second parse per field.
 */

const text = (c: string) => `CAST(${c} AS VARCHAR)`;
const first = (c: string) => `left(${text(c)}, 1)`;
const isNumber = (c: string) => `(${first(c)} BETWEEN '0' AND '9' OR ${first(c)} = '-')`;
const asDouble = (c: string) => `TRY_CAST(${text(c)} AS DOUBLE)`;
const integral = (c: string, low: string, high: string) => `(${isNumber(c)} AND ${asDouble(c)} = floor(${asDouble(c)}) AND ${asDouble(c)} BETWEEN ${low} AND ${high})`;
// A JSON string escapes NUL as \u0000; PostgreSQL cannot store it, so no engine accepts it.
const isString = (c: string) => `(${first(c)} = '"' AND strpos(${text(c)}, '\\u0000') = 0)`;
const maxSafe = '9007199254740991';

function kindOk(kind: FieldKind, c: string): string {
  switch (kind) {
    case 'string':
      return isString(c);
    case 'number':
      return `(${isNumber(c)} AND isfinite(${asDouble(c)}))`;
    case 'integer':
      return integral(c, '-2147483648', '2147483647');
    case 'epoch_ms':
      return integral(c, String(epochMsRange.min), String(epochMsRange.max));
    case 'id':
      return `(${isString(c)} OR ${integral(c, `-${maxSafe}`, maxSafe)})`;
  }
}

const absent = (c: string) => `(${c} IS NULL OR ${first(c)} = 'n')`;

/** True when the field's raw JSON value is acceptable. */
export function fieldOkSql(field: RecordField): string {
  const c = quoteIdent(field.key);
  if (!field.required) return `(${absent(c)} OR ${kindOk(field.kind, c)})`;
  const nonEmpty = field.kind === 'string' || field.kind === 'id' ? ` AND ${text(c)} <> '""'` : '';
  return `(NOT ${absent(c)} AND ${kindOk(field.kind, c)}${nonEmpty})`;
}

/** The staging value of an accepted field. */
export function fieldValueSql(field: RecordField): string {
  const c = quoteIdent(field.key);
  const number = asDouble(c);
  const value = (() => {
    switch (field.kind) {
      case 'string':
        return `json_extract_string(${c}, '$')`;
      case 'id':
        return `CASE WHEN ${first(c)} = '"' THEN json_extract_string(${c}, '$') ELSE CAST(CAST(${number} AS BIGINT) AS VARCHAR) END`;
      case 'number':
        return number;
      case 'integer':
        return `CAST(${number} AS INTEGER)`;
      case 'epoch_ms':
        return `epoch_ms(CAST(${number} AS BIGINT))`;
    }
  })();
  return `CASE WHEN ${absent(c)} THEN NULL ELSE ${value} END`;
}
