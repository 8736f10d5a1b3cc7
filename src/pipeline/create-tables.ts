import type { Warehouse } from '../engines/warehouse.js';
import { schemaSql } from '../sql/render-ddl.js';
import { allTables } from '../schema/tables.js';
import { qualified } from '../sql/quote.js';

/** Drops (when asked) and creates staging, star and bookkeeping tables. */
export async function createTables(warehouse: Warehouse, options: { drop: boolean }): Promise<void> {
  for (const sql of schemaSql(warehouse.dialect, warehouse.schema, allTables, options)) await warehouse.run(sql);
}

/** True when every table of the warehouse exists (checked by selecting nothing from each, in one round trip). */
export async function tablesExist(warehouse: Warehouse): Promise<boolean> {
  try {
    await warehouse.query(allTables.map((table) => `SELECT 1 FROM ${qualified(warehouse.schema, table.name)} WHERE 1 = 0`).join(' UNION ALL '));
    return true;
  } catch {
    return false;
  }
}
