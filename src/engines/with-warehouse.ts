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
