import type { Target } from '../../config/config.js';
import type { Dialect } from './dialect.js';
import { DuckdbDialect } from './duckdb-dialect.js';
import { PostgresDialect } from './postgres-dialect.js';
import { RedshiftDialect } from './redshift-dialect.js';

const dialects: Record<Target, () => Dialect> = {
  duckdb: () => new DuckdbDialect(),
  postgres: () => new PostgresDialect(),
  redshift: () => new RedshiftDialect(),
};

/** How SQL is written for a target: the one registry of dialects. */
export function dialectFor(target: Target): Dialect {
  return dialects[target]();
}
