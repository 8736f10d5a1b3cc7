import type { FieldKind, RecordField } from '../../schema/record-fields.js';
import { quoteIdent } from '../../sql/quote.js';

/*
 * The record rules of src/schema/record-fields.ts as DuckDB SQL over JSON-typed columns,
 * so the native reader can check records exactly as src/sources/decode-record.ts does.
 */

const isNumeric = (c: string) => `json_type(${c}) IN ('BIGINT', 'UBIGINT', 'DOUBLE')`;
const asDouble = (c: string) => `TRY_CAST(${c} AS DOUBLE)`;
const integral = (c: string, limit: string) => `(${isNumeric(c)} AND ${asDouble(c)} = floor(${asDouble(c)}) AND abs(${asDouble(c)}) <= ${limit})`;

function kindOk(kind: FieldKind, c: string): string {
  const text = `(json_type(${c}) = 'VARCHAR' AND strpos(json_extract_string(${c}, '$'), chr(0)) = 0)`;
  switch (kind) {
    case 'string':
      return text;
    case 'number':
      return `(${isNumeric(c)} AND isfinite(${asDouble(c)}))`;
    case 'integer':
      return `(${integral(c, '2147483647')} AND ${asDouble(c)} >= -2147483648)`;
    case 'epoch_ms':
      return integral(c, '9007199254740991');
    case 'id':
      return `(${text} OR ${integral(c, '9007199254740991')})`;
  }
}

/** True when the field's raw JSON value is acceptable. */
export function fieldOkSql(field: RecordField): string {
  const c = quoteIdent(field.key);
  const absent = `(${c} IS NULL OR json_type(${c}) = 'NULL')`;
  if (!field.required) return `(${absent} OR ${kindOk(field.kind, c)})`;
  const nonEmpty = field.kind === 'string' || field.kind === 'id' ? ` AND json_extract_string(${c}, '$') <> ''` : '';
  return `(NOT ${absent} AND ${kindOk(field.kind, c)}${nonEmpty})`;
}

/** The staging value of an accepted field. */
export function fieldValueSql(field: RecordField): string {
  const c = quoteIdent(field.key);
  const value = (() => {
    switch (field.kind) {
      case 'string':
      case 'id':
        return `json_extract_string(${c}, '$')`;
      case 'number':
        return asDouble(c);
      case 'integer':
        return `CAST(${asDouble(c)} AS INTEGER)`;
      case 'epoch_ms':
        return `epoch_ms(CAST(${asDouble(c)} AS BIGINT))`;
    }
  })();
  return `CASE WHEN ${c} IS NULL OR json_type(${c}) = 'NULL' THEN NULL ELSE ${value} END`;
}
