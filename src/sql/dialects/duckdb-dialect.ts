import type { ColumnDef, TableDef } from '../../schema/table-def.js';
import { qualified, quoteIdent } from '../quote.js';
import type { Dialect } from './dialect.js';

/** DuckDB's type for each logical column type (an identity is a BIGINT fed by a sequence). */
export const duckdbTypes: Record<ColumnDef['type'], string> = {
  text: 'VARCHAR',
  longtext: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN',
  identity: 'BIGINT',
};

const sequenceOf = (schema: string, table: TableDef) => `${quoteIdent(schema)}.${quoteIdent(`${table.name}_seq`)}`;

/** DuckDB has no identity columns: a sequence per table feeds the surrogate key. */
export class DuckdbDialect implements Dialect {
  readonly name = 'duckdb' as const;
  // DuckDB keeps an index per key: maintaining them costs more than the whole transform on a
  // million plays (and doubles the commit). Keys stay unique because every transform step only
  // adds what is missing, and the checks verify it before the commit.
  readonly enforcesConstraints = false;
  readonly declaresConstraints = false;
  columnType(column: ColumnDef, at: { schema: string; table: TableDef }): string {
    if (column.type === 'identity') return `BIGINT DEFAULT nextval('${at.schema}.${at.table.name}_seq')`;
    return duckdbTypes[column.type];
  }

  beforeCreate(schema: string, table: TableDef): string[] {
    if (!table.columns.some((c) => c.type === 'identity')) return [];
    return [`CREATE SEQUENCE IF NOT EXISTS ${sequenceOf(schema, table)}`];
  }

  tableAttributes(): string {
    return '';
  }

  dropTable(schema: string, table: TableDef): string[] {
    const drops = [`DROP TABLE IF EXISTS ${qualified(schema, table.name)}`];
    if (table.columns.some((c) => c.type === 'identity')) drops.push(`DROP SEQUENCE IF EXISTS ${sequenceOf(schema, table)}`);
    return drops;
  }
}
