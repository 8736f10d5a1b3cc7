import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const cohorts = ['weekdays only', 'weekends only', 'both'];

/** Users split by when they listen: only Monday–Friday, only Saturday–Sunday, or both. */
export const weekdayWeekendQuery: AnalyticQuery = {
  name: 'weekday-weekend',
  title: 'Weekday vs weekend listeners',
  description: 'Users in three cohorts by the days of their plays (UTC): weekdays only, weekends only, both; their plays, plays per user and the share of their plays at weekends.',
  params: ['from', 'to', 'level'],
  columns: [
    { key: 'cohort', kind: 'text' },
    { key: 'users', kind: 'count' },
    { key: 'plays', kind: 'count' },
    { key: 'plays_per_user', kind: 'decimal' },
    { key: 'weekend_pct', kind: 'percent' },
  ],
  chart: { type: 'bar', label: 'cohort', series: ['users'] },
  build(schema, params) {
    const p = new Placeholders();
    const where = whereClause(params, { time: 'sp.start_time', level: 'sp.level' }, p, ["sp.user_id <> ''"]);
    return {
      sql: `SELECT CASE WHEN u.weekend = 0 THEN 0 WHEN u.weekday = 0 THEN 1 ELSE 2 END AS cohort,
       COUNT(*) AS users, SUM(u.weekday + u.weekend) AS plays, SUM(u.weekend) AS weekend_plays
FROM (
  SELECT sp.user_id,
         SUM(CASE WHEN EXTRACT(dow FROM sp.start_time) IN (0, 6) THEN 0 ELSE 1 END) AS weekday,
         SUM(CASE WHEN EXTRACT(dow FROM sp.start_time) IN (0, 6) THEN 1 ELSE 0 END) AS weekend
  FROM ${qualified(schema, 'songplays')} sp
  ${where}
  GROUP BY sp.user_id
) u
GROUP BY CASE WHEN u.weekend = 0 THEN 0 WHEN u.weekday = 0 THEN 1 ELSE 2 END`,
      params: p.values,
    };
  },
  shape(rows) {
    const byCohort = new Map(rows.map((r) => [num(r.cohort), r]));
    return cohorts.map((cohort, i) => {
      const r = byCohort.get(i);
      const users = num(r?.users);
      const plays = num(r?.plays);
      return { cohort, users, plays, plays_per_user: users === 0 ? 0 : plays / users, weekend_pct: plays === 0 ? 0 : (100 * num(r?.weekend_plays)) / plays };
    });
  },
};
