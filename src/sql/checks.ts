import { tableNames, type TableNames } from './table-names.js';

/**
 * Data-quality checks answered by one query: `sql` returns one row with a column per check
 * (n0, n1, …, in the order of `names`), each counting the rows that break it; 0 means ok.
 */
export interface CheckQuery {
  names: string[];
  sql: string;
  /**
   * Why this check cannot fail, when it cannot: a NOT NULL column, or a key the transform's
   * own SQL makes unique (proven in test/sql/checks-by-construction.test.ts). Such checks are
   * reported, not run.
   */
  provenBy?: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  violations: number;
  /** The user's own checks: `file:line` where the check was declared. */
  origin?: string;
  /** Set when the check was not queried because it holds by construction (see CheckQuery.provenBy). */
  provenBy?: string;
}

const notNullColumns = 'NOT NULL columns (every engine refuses a NULL there)';
/** Keys the transform inserts at most once: picked one per key (ROW_NUMBER … = 1, DISTINCT) and only where absent. */
const uniqueByTransform = new Set(['songplays', 'time']);

const keys: [table: string, columns: string[]][] = [
  ['songplays', ['session_id', 'item_in_session']],
  ['users', ['user_id']],
  ['songs', ['song_id']],
  ['artists', ['artist_id']],
  ['time', ['start_time']],
];

/** References from the fact table: [from, column, to, key]. */
const references: [from: string, column: string, to: string, key: string][] = [
  ['songplays', 'start_time', 'time', 'start_time'],
  ['songplays', 'song_id', 'songs', 'song_id'],
  ['songplays', 'artist_id', 'artists', 'artist_id'],
  ['songplays', 'user_id', 'users', 'user_id'],
];

/**
 * Keys not null and unique, references resolve, and every staged play reached the fact table.
 * Checks on the big tables look only at the rows this run can have added: those whose time
 * lies within the staged events' first and last `ts` (a superset, cheap to find), so a daily
 * run costs in proportion to the day, not to the warehouse. Rows of earlier runs were checked
 * by those runs, and no step deletes what they point to. A range, not a join with the staged
 * events: at 10 M events the join made the checks three times slower.
 */
export function checkQueries(schema: string, names: TableNames = tableNames(schema), run: { firstLoad?: boolean } = {}): CheckQuery[] {
  const t = names;
  const period = (column: string) => `${column} BETWEEN (SELECT MIN(ts) FROM ${t('staging_events')}) AND (SELECT MAX(ts) FROM ${t('staging_events')})`;
  const stagedPeriod = period('f.start_time');
  const queries: CheckQuery[] = [];
  for (const [table, columns] of keys) {
    const scope = table === 'songplays' || table === 'time' ? ` WHERE ${stagedPeriod}` : '';
    queries.push({
      names: [`${table} key not null`],
      sql: `SELECT COUNT(*) AS n0 FROM ${t(table)} WHERE ${columns.map((c) => `${c} IS NULL`).join(' OR ')}`,
      provenBy: notNullColumns,
    });
    queries.push({
      names: [`${table} key unique`],
      sql: `SELECT COUNT(*) AS n0 FROM (SELECT ${columns.join(', ')} FROM ${t(table)} f${scope} GROUP BY ${columns.join(', ')} HAVING COUNT(*) > 1) d`,
      ...(uniqueByTransform.has(table) ? { provenBy: 'the transform (one row per key, only where absent)' } : {}),
    });
  }
  const referencesCheck = referencesQuery(t, period);
  // Into empty star tables every dimension row comes from the same staged rows and catalog join as
  // the plays that point to it (time: their own start times); an increment's check still runs.
  queries.push(run.firstLoad ? { ...referencesCheck, provenBy: 'the first load (each dimension built from the rows its plays come from)' } : referencesCheck);
  queries.push({
    names: ['every staged NextSong is a songplay'],
    sql: `SELECT COUNT(*) AS n0 FROM ${t('staging_events')} e WHERE e.page = 'NextSong' AND NOT EXISTS (SELECT 1 FROM ${t('songplays')} p WHERE p.session_id = e.session_id AND p.item_in_session = e.item_in_session)`,
    provenBy: 'the transform (every staged NextSong key is inserted unless present)',
  });
  return queries;
}

/**
 * Every reference from the fact table in one pass over this run's songplays, one left join
 * per dimension: a fifth of the time of a query per reference. The keys joined on are
 * unique (checked above), so the joins add no rows.
 */
function referencesQuery(t: TableNames, period: (column: string) => string): CheckQuery {
  // time is as big as the fact table: its join reads only the period (the same rows, found without a full scan).
  const joins = references.map(([, column, to, key], i) => `LEFT JOIN ${t(to)} r${i} ON r${i}.${key} = f.${column}${to === 'time' ? ` AND ${period(`r${i}.${key}`)}` : ''}`);
  const counts = references.map(([, column, , key], i) => {
    // Timestamps cannot be compared with '', text keys may be empty (logged-out visitors).
    const present = column === 'start_time' ? `f.${column} IS NOT NULL` : `f.${column} IS NOT NULL AND f.${column} <> ''`;
    return `SUM(CASE WHEN ${present} AND r${i}.${key} IS NULL THEN 1 ELSE 0 END) AS n${i}`;
  });
  return {
    names: references.map(([from, column, to]) => `${from}.${column} found in ${to}`),
    sql: `SELECT ${counts.join(', ')} FROM ${t('songplays')} f ${joins.join(' ')} WHERE ${period('f.start_time')}`,
  };
}
