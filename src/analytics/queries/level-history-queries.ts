import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { Placeholders, whereClause } from '../sql-params.js';

/** Upgrades read from the level history: a paid span that follows another level's span (free: the levels are two) of the same user. */
function upgradesSql(schema: string): string {
  const levels = qualified(schema, 'user_levels');
  return `SELECT paid.user_id, free.valid_from AS free_since, paid.valid_from AS upgraded_at, paid.valid_to AS paid_until
  FROM ${levels} paid
  JOIN ${levels} free ON free.user_id = paid.user_id AND free.valid_to = paid.valid_from AND free.level <> paid.level
  WHERE paid.level = 'paid'`;
}

export const levelHistoryQueries: AnalyticQuery[] = [
  {
    name: 'upgrade-journeys',
    title: 'Free to paid: before and after',
    description:
      'Each upgrade in the level history (user_levels): days from the user’s first play to the upgrade, plays in the free span it ended, and plays in the paid span it began.',
    params: ['from', 'to', 'limit'],
    columns: [
      { key: 'user_id', kind: 'text' },
      { key: 'upgraded_at', kind: 'text' },
      { key: 'days_to_upgrade', kind: 'decimal' },
      { key: 'plays_before', kind: 'count' },
      { key: 'plays_after', kind: 'count' },
    ],
    chart: { type: 'hbar', label: 'user_id', series: ['days_to_upgrade'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, { time: 'up.upgraded_at' }, p);
      const firstPlay = 'MIN(CASE WHEN sp.start_time < up.upgraded_at THEN sp.start_time END)';
      return {
        sql: `SELECT up.user_id, up.upgraded_at,
       (EXTRACT(EPOCH FROM up.upgraded_at) - EXTRACT(EPOCH FROM ${firstPlay})) / 86400.0 AS days_to_upgrade,
       SUM(CASE WHEN sp.start_time >= up.free_since AND sp.start_time < up.upgraded_at THEN 1 ELSE 0 END) AS plays_before,
       SUM(CASE WHEN sp.start_time >= up.upgraded_at AND (up.paid_until IS NULL OR sp.start_time < up.paid_until) THEN 1 ELSE 0 END) AS plays_after
FROM (${upgradesSql(schema)}) up
LEFT JOIN ${qualified(schema, 'songplays')} sp ON sp.user_id = up.user_id
${where}
GROUP BY up.user_id, up.free_since, up.upgraded_at, up.paid_until
ORDER BY up.upgraded_at, up.user_id
LIMIT ${p.bind(params.limit)}`,
        params: p.values,
      };
    },
    shape: (rows) =>
      rows.map((r) => ({
        ...r,
        upgraded_at: String(r.upgraded_at ?? '')
          .replace('T', ' ')
          .replace(/\.\d+Z?$|Z$/, ''),
      })),
  },
];
