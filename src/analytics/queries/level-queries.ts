import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { isoDay } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

export const levelQueries: AnalyticQuery[] = [
  {
    name: 'plays-by-level',
    title: 'Free vs paid',
    description: 'Song plays and active users (distinct listeners) by the level of each play; a user who changed level counts in both.',
    params: ['from', 'to'],
    columns: [
      { key: 'level', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'doughnut', label: 'level', series: ['plays'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, { time: 'sp.start_time' }, p);
      return {
        sql: `SELECT sp.level, COUNT(*) AS plays, COUNT(DISTINCT sp.user_id) AS users
FROM ${qualified(schema, 'songplays')} sp
${where}
GROUP BY sp.level
ORDER BY plays DESC, sp.level`,
        params: p.values,
      };
    },
  },
  {
    name: 'level-changes',
    title: 'Upgrades and downgrades',
    description: 'Submit Upgrade / Submit Downgrade events per day, from level_changes (filled by every run, kept across runs).',
    params: ['from', 'to'],
    columns: [
      { key: 'day', kind: 'text' },
      { key: 'upgrades', kind: 'count' },
      { key: 'downgrades', kind: 'count' },
    ],
    chart: { type: 'bar', label: 'day', series: ['upgrades', 'downgrades'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, { time: 'e.changed_at' }, p);
      const day = 'EXTRACT(year FROM e.changed_at), EXTRACT(month FROM e.changed_at), EXTRACT(day FROM e.changed_at)';
      return {
        sql: `SELECT EXTRACT(year FROM e.changed_at) AS year, EXTRACT(month FROM e.changed_at) AS month, EXTRACT(day FROM e.changed_at) AS day,
       SUM(CASE WHEN e.change = 'upgrade' THEN 1 ELSE 0 END) AS upgrades,
       SUM(CASE WHEN e.change = 'downgrade' THEN 1 ELSE 0 END) AS downgrades
FROM ${qualified(schema, 'level_changes')} e
${where}
GROUP BY ${day}
ORDER BY ${day}`,
        params: p.values,
      };
    },
    shape: (rows) => rows.map((r) => ({ day: isoDay(r.year, r.month, r.day), upgrades: r.upgrades ?? 0, downgrades: r.downgrades ?? 0 })),
  },
];
