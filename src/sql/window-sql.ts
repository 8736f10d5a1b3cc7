import { dayAfter, type DateWindow } from '../sources/date-window.js';
import { qualified, sqlString } from './quote.js';

/** The staged events a backfill window leaves out: no `ts`, or outside [from, to + 1 day). */
function outside(window: DateWindow): string {
  return `ts IS NULL OR ts < CAST(${sqlString(window.from)} AS TIMESTAMP) OR ts >= CAST(${sqlString(dayAfter(window.to))} AS TIMESTAMP)`;
}

/** Per staged file, how many of its events lie outside the window; then the statement that drops them from staging. */
export function windowSql(schema: string, window: DateWindow): { outsidePerFile: string; trim: string } {
  const staging = qualified(schema, 'staging_events');
  return {
    outsidePerFile: `SELECT source_file, COUNT(*) AS n FROM ${staging} WHERE ${outside(window)} GROUP BY source_file`,
    trim: `DELETE FROM ${staging} WHERE ${outside(window)}`,
  };
}
