import type { Warehouse } from '../engines/warehouse.js';
import { stagingTables, starTables } from '../schema/tables.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';
import { countsByPart } from '../sql/counts.js';
import { tableNames, type TableNames } from '../sql/table-names.js';

/** Row counts of staging and star tables, and how many plays matched a catalog song. */
export async function countTables(warehouse: Warehouse, names: TableNames = tableNames(warehouse.schema)): Promise<{ tables: Record<string, number>; matched: number }> {
  const list = [...stagingTables, ...starTables];
  const count = countsByPart(await warehouse.query(bookkeepingSql(warehouse.schema, names).counts(list.map((table) => table.name))));
  return { tables: Object.fromEntries(list.map((table) => [table.name, count(table.name)])), matched: count('matched') };
}
