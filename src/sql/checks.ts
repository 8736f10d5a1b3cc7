import { qualified } from './quote.js';

/** A data-quality check: `sql` counts the rows that violate it, so 0 means ok. */
export interface CheckDef {
  name: string;
  sql: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  violations: number;
}

const keys: [table: string, columns: string[]][] = [
  ['songplays', ['session_id', 'item_in_session']],
  ['users', ['user_id']],
  ['songs', ['song_id']],
  ['artists', ['artist_id']],
  ['time', ['start_time']],
];

const references: [from: string, column: string, to: string, key: string][] = [
  ['songplays', 'start_time', 'time', 'start_time'],
  ['songplays', 'song_id', 'songs', 'song_id'],
  ['songplays', 'artist_id', 'artists', 'artist_id'],
  ['songplays', 'user_id', 'users', 'user_id'],
];

/**
 * Keys not null and unique, references resolve, and every staged play reached the fact table.
 * Checks on the big tables look only at the rows this run can have added (those matching a
 * staged event), so a daily run costs in proportion to the day, not to the warehouse; rows of
 * earlier runs were checked by those runs, and no step deletes what they point to.
 */
export function checkDefs(schema: string): CheckDef[] {
  const t = (name: string) => qualified(schema, name);
  const staged: Record<string, string> = {
    songplays: `EXISTS (SELECT 1 FROM ${t('staging_events')} s WHERE s.session_id = f.session_id AND s.item_in_session = f.item_in_session)`,
    time: `EXISTS (SELECT 1 FROM ${t('staging_events')} s WHERE s.ts = f.start_time)`,
  };
  const checks: CheckDef[] = [];
  for (const [table, columns] of keys) {
    const scope = staged[table] ? ` WHERE ${staged[table]}` : '';
    checks.push({
      name: `${table} key not null`,
      sql: `SELECT COUNT(*) AS n FROM ${t(table)} WHERE ${columns.map((c) => `${c} IS NULL`).join(' OR ')}`,
    });
    checks.push({
      name: `${table} key unique`,
      sql: `SELECT COUNT(*) AS n FROM (SELECT ${columns.join(', ')} FROM ${t(table)} f${scope} GROUP BY ${columns.join(', ')} HAVING COUNT(*) > 1) d`,
    });
  }
  for (const [from, column, to, key] of references) {
    // Timestamps cannot be compared with '', text keys may be empty (logged-out visitors).
    const present = column === 'start_time' ? `f.${column} IS NOT NULL` : `f.${column} IS NOT NULL AND f.${column} <> ''`;
    checks.push({
      name: `${from}.${column} found in ${to}`,
      sql: `SELECT COUNT(*) AS n FROM ${t(from)} f WHERE ${present} AND ${staged[from]} AND NOT EXISTS (SELECT 1 FROM ${t(to)} r WHERE r.${key} = f.${column})`,
    });
  }
  checks.push({
    name: 'every staged NextSong is a songplay',
    sql: `SELECT COUNT(*) AS n FROM ${t('staging_events')} e WHERE e.page = 'NextSong' AND NOT EXISTS (SELECT 1 FROM ${t('songplays')} p WHERE p.session_id = e.session_id AND p.item_in_session = e.item_in_session)`,
  });
  return checks;
}
