import type { Warehouse } from '../engines/warehouse.js';
import { stagingTables, starTables } from '../schema/tables.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** Row counts of staging and star tables, and how many plays matched a catalog song. */
export async function countTables(warehouse: Warehouse): Promise<{ tables: Record<string, number>; matched: number }> {
  const sql = bookkeepingSql(warehouse.schema);
  const tables: Record<string, number> = {};
  for (const table of [...stagingTables, ...starTables]) {
    const [row] = await warehouse.query(sql.count(table.name));
    tables[table.name] = Number(row?.n ?? 0);
  }
  const [matched] = await warehouse.query(sql.matchedPlays);
  return { tables, matched: Number(matched?.n ?? 0) };
}
