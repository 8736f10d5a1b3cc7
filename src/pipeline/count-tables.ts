import type { Warehouse } from '../engines/warehouse.js';
import { stagingTables, starTables } from '../schema/tables.js';
import { tableNames, type TableNames } from '../sql/table-names.js';

/** Row counts of staging and star tables, and how many plays matched a catalog song. */
export async function countTables(warehouse: Warehouse, names: TableNames = tableNames(warehouse.schema)): Promise<{ tables: Record<string, number>; matched: number }> {
  // One round trip: on a small run each query costs more than its count.
  const list = [...stagingTables, ...starTables];
  const counts = list.map((table, i) => `(SELECT COUNT(*) FROM ${names(table.name)}) AS n${i}`);
  const [row] = await warehouse.query(`SELECT ${counts.join(', ')}, (SELECT COUNT(*) FROM ${names('songplays')} WHERE song_id IS NOT NULL) AS matched`);
  const tables = Object.fromEntries(list.map((table, i) => [table.name, Number(row?.[`n${i}`] ?? 0)]));
  return { tables, matched: Number(row?.matched ?? 0) };
}
