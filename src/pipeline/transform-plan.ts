import type { Warehouse } from '../engines/warehouse.js';
import { derivedTables, starTables, unmatchedPlays } from '../schema/tables.js';
import { countsByPart } from '../sql/counts.js';
import { transformPlanSql, type TransformOptions } from '../sql/transform.js';
import type { TableNames } from '../sql/table-names.js';

/**
 * What the transform may skip this run, asked in one query inside the publish transaction:
 * whether the star tables (and what is derived from them) are empty — then no anti-joins,
 * nothing to replace — and whether any staged event repeats a key (else no window to pick one
 * per key: plays, level changes and level events all take one event per key), and whether any
 * song was staged (else no late song to re-match).
 */
export async function planTransform(warehouse: Warehouse, names: TableNames): Promise<TransformOptions> {
  const tables = [...starTables, ...derivedTables, unmatchedPlays].map((table) => table.name);
  const count = countsByPart(await warehouse.query(transformPlanSql(names, tables)));
  return { names, firstLoad: count('star_rows') === 0, stagedKeysUnique: count('repeated_keys') === 0, noStagedSongs: count('staged_songs') === 0 };
}
