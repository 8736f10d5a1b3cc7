import { stagingTables } from '../../schema/tables.js';
import { qualified, quoteIdent } from '../../sql/quote.js';
import type { ScratchStaging, Warehouse } from '../warehouse.js';

/**
 * Staging in temporary tables: DuckDB keeps them in memory (spilling past its memory limit)
 * and never writes them to the database file, so a run writes its data once — the star
 * tables — instead of twice. Same names and columns as the schema's staging tables; they live
 * as long as the connection. (In schema `main` they also shadow the schema's own tables.)
 */
export function duckdbScratchStaging(warehouse: Warehouse): ScratchStaging {
  const name = (table: string) => `temp.main.${quoteIdent(table)}`;
  return {
    name,
    async reset() {
      for (const table of stagingTables) {
        await warehouse.run(`DROP TABLE IF EXISTS ${name(table.name)}`);
        // Rows a --keep-staging run left in the file are scratch too.
        await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, table.name)}`);
        await warehouse.run(`CREATE TEMP TABLE ${quoteIdent(table.name)} AS SELECT * FROM ${qualified(warehouse.schema, table.name)} LIMIT 0`);
      }
    },
  };
}
