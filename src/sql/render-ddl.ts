import type { Dialect } from './dialects/dialect.js';
import { qualified, quoteIdent } from './quote.js';
import type { TableDef } from '../schema/table-def.js';

/** CREATE TABLE statements (plus any the dialect needs first) for one table. */
export function createTableSql(dialect: Dialect, schema: string, table: TableDef, ifNotExists = false): string[] {
  const columns = table.columns.map((c) => {
    const notNull = c.notNull ? ' NOT NULL' : '';
    return `  ${quoteIdent(c.name)} ${dialect.columnType(c, { schema, table })}${notNull}`;
  });
  if (table.primaryKey && dialect.declaresConstraints) columns.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  if (table.unique && dialect.declaresConstraints) columns.push(`  UNIQUE (${table.unique.map(quoteIdent).join(', ')})`);
  const exists = ifNotExists ? 'IF NOT EXISTS ' : '';
  const attributes = dialect.tableAttributes(table);
  return [...dialect.beforeCreate(schema, table), `CREATE TABLE ${exists}${qualified(schema, table.name)} (\n${columns.join(',\n')}\n)${attributes ? `\n${attributes}` : ''}`];
}

/** The whole schema: drop (when asked) then create, in an order that respects references. */
export function schemaSql(dialect: Dialect, schema: string, tables: TableDef[], options: { drop: boolean }): string[] {
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`];
  if (options.drop) for (const table of tables) statements.push(...dialect.dropTable(schema, table));
  for (const table of tables) statements.push(...createTableSql(dialect, schema, table, !options.drop));
  return statements;
}
