import type pg from 'pg';
import { SparkifyError } from '../../errors.js';
import { stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import type { ColumnType } from '../../schema/table-def.js';
import { stagingEvents, stagingSongs } from '../../schema/tables.js';
import { qualified } from '../../sql/quote.js';

/** The PostgreSQL types (as `format_type` names them) whose binary input reads what copy-binary.ts writes for a column. */
const readsAs: Partial<Record<ColumnType, string[]>> = {
  text: ['text', 'character varying', 'character'],
  longtext: ['text', 'character varying', 'character'],
  integer: ['integer'],
  double: ['double precision'],
  // The same microseconds since 2000-01-01 UTC on the wire, as text COPY's ISO instants were.
  timestamp: ['timestamp without time zone', 'timestamp with time zone'],
};

/**
 * Why a staging table cannot take binary COPY rows, if it cannot: a column changed by hand
 * to another type (BIGINT for INTEGER, say) reads the rows' bytes with its own type, and the
 * COPY fails with a wire-format error that names neither the table nor the column.
 */
export async function stagingTypeMismatch(client: pg.Client, schema: string, kind: RecordKind): Promise<SparkifyError | undefined> {
  const table = qualified(schema, stagingTableOf(kind));
  const { rows } = await client.query<{ name: string; type: string }>(
    'SELECT attname AS name, format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped',
    [table],
  );
  const found = new Map(rows.map((row) => [row.name, row.type]));
  const wrong = (kind === 'events' ? stagingEvents : stagingSongs).columns.filter((column) => {
    const type = found.get(column.name);
    return type !== undefined && !readsAs[column.type]?.includes(type);
  });
  if (wrong.length === 0) return undefined;
  const list = wrong.map((column) => `${column.name} is ${found.get(column.name)}, not ${readsAs[column.type]?.[0]}`).join('; ');
  return new SparkifyError(
    'ENGINE',
    `${table} does not have the column types sparkify stages into (${list}). Staging tables are emptied by every run, so nothing is lost by dropping it: DROP TABLE ${table}; then \`sparkify run\` creates it again`,
  );
}
