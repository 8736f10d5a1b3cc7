import type { Config, Target } from '../config/config.js';
import type { Warehouse } from './warehouse.js';

type Factory = (config: Config) => Promise<Warehouse>;

/** Engine name → factory; each engine's module (and its client library) loads only when used. */
const factories: Record<Target, Factory> = {
  duckdb: async (config) => (await import('./duckdb/duckdb-warehouse.js')).openDuckdbWarehouse(config),
  postgres: async (config) => (await import('./postgres/postgres-warehouse.js')).openPostgresWarehouse(config),
  redshift: async (config) => (await import('./redshift/redshift-warehouse.js')).openRedshiftWarehouse(config),
};

/** Opens the warehouse the config names (an unknown target is refused when the config is read). */
export async function openWarehouse(config: Config): Promise<Warehouse> {
  return factories[config.target](config);
}
