import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { fieldColumnsSql, fieldOkSql } from '../../src/engines/duckdb/json-field-sql.js';
import type { FieldKind, RecordField } from '../../src/schema/record-fields.js';

const values = ['absent', 'null', '"x"', '""', '5', '1.5', 'true', '{}', '[1]', '-0', '2147483648', 'NaN'];

/** The values field rule `kind` accepts, in the order of `values`, as DuckDB evaluates fieldOkSql. */
async function accepted(kind: FieldKind, required: boolean): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const field: RecordField = { key: 'k', column: 'k', kind, required };
    const rows = values.map((v) => `SELECT ${values.indexOf(v)} AS n, ${v === 'absent' ? 'NULL' : `'${v}'::JSON`} AS k`).join(' UNION ALL ');
    const reader = await connection.runAndReadAll(`SELECT n, ${fieldOkSql(field, 0)} AS ok FROM (SELECT n, ${fieldColumnsSql([field])} FROM (${rows})) ORDER BY n`);
    connection.closeSync();
    return reader.getRows().flatMap(([n, ok]) => (ok === true ? [values[Number(n)]!] : []));
  } finally {
    instance.closeSync();
  }
}

// Never NULL: absent and null are one case, and a required field refuses both.
describe('the field rules of the native reader', () => {
  it.each([
    ['string', false, ['absent', 'null', '"x"', '""']],
    ['string', true, ['"x"']],
    ['number', false, ['absent', 'null', '5', '1.5', '-0', '2147483648']],
    ['number', true, ['5', '1.5', '-0', '2147483648']],
    ['integer', false, ['absent', 'null', '5', '-0']],
    ['integer', true, ['5', '-0']],
    ['epoch_ms', true, ['5', '-0', '2147483648']],
    ['id', false, ['absent', 'null', '"x"', '""', '5', '-0', '2147483648']],
    ['id', true, ['"x"', '5', '-0', '2147483648']],
  ] as const)('%s (required: %s) accepts exactly %j', async (kind, required, expected) => {
    expect(await accepted(kind, required)).toEqual(expected);
  });
});
