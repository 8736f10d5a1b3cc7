import type { ColumnDef, TableDef } from '../../schema/table-def.js';

/** What differs in *writing* SQL between engines; running it lives in src/engines. */
export interface Dialect {
  readonly name: 'duckdb' | 'postgres' | 'redshift';
  columnType(column: ColumnDef, at: { schema: string; table: TableDef }): string;
  /** Statements that must run before CREATE TABLE (e.g. a sequence for the identity). */
  beforeCreate(schema: string, table: TableDef): string[];
  /** Text after the closing parenthesis of CREATE TABLE (Redshift distribution). */
  tableAttributes(table: TableDef): string;
  /** Whether PRIMARY KEY / UNIQUE are enforced; Redshift only records them. */
  readonly enforcesConstraints: boolean;
  /** Whether CREATE TABLE declares PRIMARY KEY / UNIQUE at all. */
  readonly declaresConstraints: boolean;
  dropTable(schema: string, table: TableDef): string[];
}
