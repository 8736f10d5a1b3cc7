import { sqlString } from './quote.js';
import { tableNames, type TableNames } from './table-names.js';

/** The staged events a backfill window leaves out: no `ts`, or outside [first day, day after the last). */
function outside(from: string, before: string): string {
  return `ts IS NULL OR ts < CAST(${sqlString(from)} AS TIMESTAMP) OR ts >= CAST(${sqlString(before)} AS TIMESTAMP)`;
}

/**
 * For a window from day `from` up to (not including) day `before`, both YYYY-MM-DD: per staged
 * file, how many of its events lie outside; then the statement that drops them from staging.
 */
export function windowSql(schema: string, from: string, before: string, names: TableNames = tableNames(schema)): { outsidePerFile: string; trim: string } {
  const staging = names('staging_events');
  return {
    outsidePerFile: `SELECT source_file, COUNT(*) AS n FROM ${staging} WHERE ${outside(from, before)} GROUP BY source_file`,
    trim: `DELETE FROM ${staging} WHERE ${outside(from, before)}`,
  };
}
