import { sqlString } from './quote.js';

/** One count: the rows of `from` (a table, or a subquery with its alias), reported as `part`. */
export interface CountPart {
  part: string;
  from: string;
}

/**
 * Several counts in one round trip, one row each (`part`, `n`; a part may repeat). A UNION
 * ALL of plain COUNTs: DuckDB plans each scalar subquery of a select list as a join of its
 * own, about 1.7 ms apiece even on empty tables (a run's nine star tables: 16 ms against 2 ms).
 */
export function countsSql(parts: CountPart[]): string {
  return parts.map(({ part, from }) => `SELECT ${sqlString(part)} AS part, COUNT(*) AS n FROM ${from}`).join('\nUNION ALL\n');
}

/** The rows of countsSql, summed per part (0 for a part with no row). */
export function countsByPart(rows: Record<string, unknown>[]): (part: string) => number {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(String(row.part), (sums.get(String(row.part)) ?? 0) + Number(row.n ?? 0));
  return (part) => sums.get(part) ?? 0;
}
