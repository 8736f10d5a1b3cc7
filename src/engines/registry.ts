import type { Config, Target } from '../config/config.js';
import type { OpenOptions, Warehouse } from './warehouse.js';

export type { OpenOptions } from './warehouse.js';

type Factory = (config: Config, options: OpenOptions) => Promise<Warehouse>;

/** Engine name → factory; each engine's module (and its client library) loads only when used. */
const factories: Record<Target, Factory> = {
  duckdb: async (config, options) => (await import('./duckdb/duckdb-warehouse.js')).openDuckdbWarehouse(config, options),
  postgres: async (config, options) => (await import('./postgres/postgres-warehouse.js')).openPostgresWarehouse(config, options),
  redshift: async (config) => (await import('./redshift/redshift-warehouse.js')).openRedshiftWarehouse(config),
};

/** Opens the warehouse the config names (an unknown target is refused when the config is read). */
export async function openWarehouse(config: Config, options: OpenOptions = {}): Promise<Warehouse> {
  return factories[config.target](config, options);
}
