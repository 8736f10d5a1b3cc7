import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { tablesExist } from '../pipeline/create-tables.js';

/** Fails with what to do when the warehouse has not been built yet. */
export async function requireTables(warehouse: Warehouse): Promise<void> {
  if (!(await tablesExist(warehouse))) {
    throw new SparkifyError('ENGINE', `no Sparkify tables in ${warehouse.description} — run \`sparkify run --source DIR\` first, or point --target/--database at the warehouse`);
  }
}
