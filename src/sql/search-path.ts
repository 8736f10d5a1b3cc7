import type { Dialect } from './dialects/dialect.js';
import { quoteIdent, sqlString } from './quote.js';

/**
 * Statements that let SQL written with plain table names (the user's checks) find the
 * warehouse's schema, and undo it. PostgreSQL and Redshift scope it to the transaction.
 */
export function searchPathSql(dialect: Dialect, schema: string): { set: string; reset: string | undefined } {
  if (dialect.name === 'duckdb') return { set: `SET search_path = ${sqlString(schema)}`, reset: 'RESET search_path' };
  return { set: `SET LOCAL search_path TO ${quoteIdent(schema)}`, reset: undefined };
}
