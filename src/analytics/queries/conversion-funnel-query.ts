import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const steps = ['free listeners', 'visited Upgrade', 'submitted Upgrade'];

/** Free → paid: listeners on the free level, those who opened the Upgrade page, those who submitted it. */
export const conversionFunnelQuery: AnalyticQuery = {
  name: 'conversion-funnel',
  title: 'Free → paid funnel',
  description:
    'Distinct users at each step: on the free level at some event, visited the Upgrade page, submitted the upgrade (from every logged-in event, user_level_events); events counts the free-level events, the Upgrade page views and the submissions; share is of the first step.',
  params: ['from', 'to'],
  columns: [
    { key: 'step', kind: 'text' },
    { key: 'users', kind: 'count' },
    { key: 'events', kind: 'count' },
    { key: 'share_pct', kind: 'percent' },
  ],
  chart: { type: 'bar', label: 'step', series: ['users'] },
  build(schema, params) {
    const p = new Placeholders();
    // Levels are free and paid: "not paid" is free, and keeps the level out of the SQL text.
    const where = whereClause(params, { time: 'e.ts' }, p, [`(e.level <> 'paid' OR e.page IN ('Upgrade', 'Submit Upgrade'))`]);
    return {
      sql: `SELECT
  COUNT(DISTINCT CASE WHEN e.level <> 'paid' THEN e.user_id END) AS free_users,
  SUM(CASE WHEN e.level <> 'paid' THEN 1 ELSE 0 END) AS free_events,
  COUNT(DISTINCT CASE WHEN e.page = 'Upgrade' THEN e.user_id END) AS visit_users,
  SUM(CASE WHEN e.page = 'Upgrade' THEN 1 ELSE 0 END) AS visits,
  COUNT(DISTINCT CASE WHEN e.page = 'Submit Upgrade' THEN e.user_id END) AS submit_users,
  SUM(CASE WHEN e.page = 'Submit Upgrade' THEN 1 ELSE 0 END) AS submits
FROM ${qualified(schema, 'user_level_events')} e
${where}`,
      params: p.values,
    };
  },
  shape(rows) {
    const r = rows[0] ?? {};
    const first = num(r.free_users);
    const share = (n: number) => (first === 0 ? 0 : (100 * n) / first);
    const users = [first, num(r.visit_users), num(r.submit_users)];
    const events = [num(r.free_events), num(r.visits), num(r.submits)];
    return steps.map((step, i) => ({ step, users: users[i]!, events: events[i]!, share_pct: share(users[i]!) }));
  },
};
