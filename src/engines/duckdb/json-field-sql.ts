import type { FieldKind, RecordField } from '../../schema/record-fields.js';
import { epochMsRange } from '../../sources/decode-record.js';
import { quoteIdent } from '../../sql/quote.js';

/*
 * The record rules of src/schema/record-fields.ts as DuckDB SQL, so the native reader checks
 * records exactly as src/sources/decode-record.ts does. The reader gives each field as raw
 * JSON text; `fieldColumnsSql` turns field i into `t<i>` (that text, NULL when absent or
 * null) and, for numeric kinds, `d<i>` (its number), computed once per record because the
 * checks and the value each need them several times. Types are told by the text's first
 * character and by whether it casts to a number: no second JSON parse per field.
 */

const maxSafe = '9007199254740991';
const numericKinds = new Set<FieldKind>(['number', 'integer', 'epoch_ms', 'id']);

/** The select list that prepares every field for fieldOkSql and fieldValueSql. */
export function fieldColumnsSql(fields: RecordField[]): string {
  return fields
    .map((field, i) => {
      const text = `CAST(${quoteIdent(field.key)} AS VARCHAR)`;
      const columns = [`CASE WHEN ${text} = 'null' THEN NULL ELSE ${text} END AS t${i}`];
      if (numericKinds.has(field.kind)) columns.push(`TRY_CAST(${text} AS DOUBLE) AS d${i}`);
      return columns.join(', ');
    })
    .join(', ');
}

// TRY_CAST gives a number only for a JSON number: a string keeps its quotes, and true, false,
// arrays and objects give NULL. NaN and Infinity, which DuckDB's reader takes and JSON does not,
// fail the isfinite and range checks that follow. (Testing the first character instead took
// 0.18 s more per 1 M events.)
//
// Each kind's test below is TRUE or FALSE where it can tell and NULL where it cannot (the value
// is absent, or is not a number where one is wanted); fieldOkSql decides the NULLs with one
// fallback per field. Written without OR: the record's rules decide a CASE, where DuckDB
// evaluates an OR by merging the rows each side selects, which sorts them (3 % of staging's
// CPU in `perf`).
const isString = (i: number) => `starts_with(t${i}, '"')`;
const integral = (i: number, low: string, high: string) => `d${i} = floor(d${i}) AND d${i} BETWEEN ${low} AND ${high}`;

function kindTest(kind: FieldKind, i: number): string {
  switch (kind) {
    case 'string':
      return isString(i);
    case 'number':
      return `isfinite(d${i})`;
    case 'integer':
      return integral(i, '-2147483648', '2147483647');
    case 'epoch_ms':
      return integral(i, String(epochMsRange.min), String(epochMsRange.max));
    case 'id':
      // A string (TRUE, else NULL), or else an integral number.
      return `coalesce(nullif(${isString(i)}, false), ${integral(i, `-${maxSafe}`, maxSafe)})`;
  }
}

/**
 * True when field i's raw JSON value is acceptable (never NULL). Where the kind's test cannot
 * tell, the value is absent (a failure for a required field, a pass for an optional one) or
 * is present but no number where one is wanted (a failure): `t<i> IS NULL` tells which. A
 * string's test is NULL only for an absent value.
 */
export function fieldOkSql(field: RecordField, i: number): string {
  if (!field.required) return `coalesce(${kindTest(field.kind, i)}, ${field.kind === 'string' ? 'true' : `t${i} IS NULL`})`;
  const nonEmpty = field.kind === 'string' || field.kind === 'id' ? ` AND t${i} <> '""'` : '';
  return `coalesce(${kindTest(field.kind, i)}${nonEmpty}, false)`;
}

const escapedNul = `'\\u0000'`;

/**
 * True when no text field of the record outside `valueChecked` holds an escaped NUL
 * (`\u0000`): PostgreSQL cannot store one, so no engine accepts it. One search of the fields
 * put together (each is whole JSON text, so no escape spans two) instead of one per field:
 * 0.06 s less per 1 M events. Fields whose values are read with `onEscapedNul` are checked there.
 */
export function recordNulFreeSql(fields: RecordField[], valueChecked: ReadonlySet<number> = new Set()): string {
  const texts = fields.flatMap((field, i) => ((field.kind === 'string' || field.kind === 'id') && !valueChecked.has(i) ? [`t${i}`] : []));
  return texts.length === 0 ? 'TRUE' : `NOT contains(concat(${texts.join(', ')}), ${escapedNul})`;
}

/**
 * A JSON string's value: without a backslash it is the text between the quotes, which is far
 * cheaper than parsing it. An escaped NUL can only be in text with a backslash, so when
 * `onEscapedNul` (an SQL expression that fails the statement) is given, the check happens
 * there, on the few values that have one (one search of the whole record took 6 % of a day's
 * staging).
 */
function stringValue(i: number, onEscapedNul?: string): string {
  const parsed = `json_extract_string(t${i}, '$')`;
  const escaped = onEscapedNul ? `CASE WHEN contains(t${i}, ${escapedNul}) THEN ${onEscapedNul} ELSE ${parsed} END` : parsed;
  return `CASE WHEN contains(t${i}, '\\') THEN ${escaped} ELSE substr(t${i}, 2, length(t${i}) - 2) END`;
}

/** The staging value of accepted field i (NULL when absent); see stringValue for `onEscapedNul`. */
export function fieldValueSql(field: RecordField, i: number, onEscapedNul?: string): string {
  switch (field.kind) {
    case 'string':
      return stringValue(i, onEscapedNul);
    case 'id':
      return `CASE WHEN starts_with(t${i}, '"') THEN ${stringValue(i, onEscapedNul)} ELSE CAST(CAST(d${i} AS BIGINT) AS VARCHAR) END`;
    case 'number':
      return `d${i}`;
    case 'integer':
      return `CAST(d${i} AS INTEGER)`;
    case 'epoch_ms':
      return `epoch_ms(CAST(d${i} AS BIGINT))`;
  }
}
