import type { Config } from '../config/config.js';
import { openWarehouse } from '../engines/registry.js';
import type { OpenOptions, Warehouse } from '../engines/warehouse.js';

/**
 * Opens the warehouse only to read (on DuckDB: READ_ONLY, so readers never block each other,
 * and a missing file is an error instead of a new empty warehouse), runs `fn`, closes it.
 */
export async function withReadOnlyWarehouse<T>(config: Config, fn: (warehouse: Warehouse) => Promise<T>, options: Omit<OpenOptions, 'readOnly'> = {}): Promise<T> {
  const warehouse = await openWarehouse(config, { ...options, readOnly: true });
  try {
    return await fn(warehouse);
  } finally {
    await warehouse.close();
  }
}
