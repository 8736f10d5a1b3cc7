import { targets, type Config, type Target } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import type { Warehouse } from './warehouse.js';

type Factory = (config: Config) => Promise<Warehouse>;

/** Engine name → factory; each engine's module (and its client library) loads only when used. */
const factories: Partial<Record<Target, Factory>> = {
  duckdb: async (config) => (await import('./duckdb/duckdb-warehouse.js')).openDuckdbWarehouse(config),

};

/** Opens the warehouse the config names. */
export async function openWarehouse(config: Config): Promise<Warehouse> {
  const factory = factories[config.target];
  if (!factory) {
    const known = targets.filter((t) => factories[t]);
    throw new SparkifyError('CONFIG', `target "${config.target}" is not available in this build; available: ${known.join(', ')}`);
  }
  return factory(config);
}
