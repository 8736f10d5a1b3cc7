import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const dayMs = 86_400_000;
/** Week n (Monday-based) of the epoch: 1970-01-01 was a Thursday, 3 days after a Monday. */
const weekOf = (time: string) => `FLOOR((EXTRACT(EPOCH FROM ${time}) / 86400 + 3) / 7)`;
const mondayOf = (week: number) => new Date((week * 7 - 3) * dayMs).toISOString().slice(0, 10);

/** Week-to-week churn: of the users who played in a week, how many played nothing the week after. */
export const churnQuery: AnalyticQuery = {
  name: 'churn',
  title: 'Weekly churn',
  description: 'Users who played songs in a week (Monday to Sunday, UTC) and how many of them played nothing the next week; the last week has no next week and is left out.',
  params: ['from', 'to', 'level'],
  columns: [
    { key: 'week', kind: 'text' },
    { key: 'active', kind: 'count' },
    { key: 'retained', kind: 'count' },
    { key: 'churned', kind: 'count' },
    { key: 'churn_pct', kind: 'percent' },
  ],
  chart: { type: 'bar', label: 'week', series: ['retained', 'churned'] },
  build(schema, params) {
    const p = new Placeholders();
    const where = whereClause(params, { time: 'sp.start_time', level: 'sp.level' }, p, ["sp.user_id <> ''"]);
    return {
      sql: `WITH active AS (
  SELECT DISTINCT sp.user_id, ${weekOf('sp.start_time')} AS week
  FROM ${qualified(schema, 'songplays')} sp
  ${where}
)
SELECT a.week, COUNT(*) AS active, SUM(CASE WHEN n.user_id IS NULL THEN 1 ELSE 0 END) AS churned
FROM active a
LEFT JOIN active n ON n.user_id = a.user_id AND n.week = a.week + 1
WHERE a.week < (SELECT MAX(week) FROM active)
GROUP BY a.week
ORDER BY a.week`,
      params: p.values,
    };
  },
  shape: (rows) =>
    rows.map((r) => {
      const active = num(r.active);
      const churned = num(r.churned);
      return { week: mondayOf(num(r.week)), active, retained: active - churned, churned, churn_pct: active === 0 ? 0 : (100 * churned) / active };
    }),
};
