import { qualified } from './quote.js';

/** The SQL name of a warehouse table, by its logical name (`songplays`, `staging_events`, …). */
export type TableNames = (name: string) => string;

/**
 * Tables in `schema`, except staging where the engine keeps it elsewhere (DuckDB: temporary
 * tables, so a run writes the database file once — the star tables).
 */
export function tableNames(schema: string, staging?: TableNames): TableNames {
  return (name) => (staging && name.startsWith('staging_') ? staging(name) : qualified(schema, name));
}
