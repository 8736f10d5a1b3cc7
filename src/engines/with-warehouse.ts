import type { Config } from '../config/config.js';
import { openWarehouse, type OpenOptions } from './registry.js';
import type { Warehouse } from './warehouse.js';

/** Opens the configured warehouse, runs `fn`, and always closes it. */
export async function withWarehouse<T>(config: Config, fn: (warehouse: Warehouse) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const warehouse = await openWarehouse(config, options);
  try {
    return await fn(warehouse);
  } finally {
    await warehouse.close();
  }
}

/**
 * Opens the warehouse only to read (on DuckDB: READ_ONLY, so readers never block each other,
 * and a missing file is an error instead of a new empty warehouse), runs `fn`, closes it.
 */
export function withReadOnlyWarehouse<T>(config: Config, fn: (warehouse: Warehouse) => Promise<T>, options: Omit<OpenOptions, 'readOnly'> = {}): Promise<T> {
  return withWarehouse(config, fn, { ...options, readOnly: true });
}
