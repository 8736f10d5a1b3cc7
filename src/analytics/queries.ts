import { qualified } from '../sql/quote.js';
import type { AnalyticQuery } from './query-def.js';

export const analyticQueries: AnalyticQuery[] = [
  {
    name: 'plays-by-level',
    title: 'Plays by level',
    description: 'Song plays and distinct listeners for free and paid users.',
    build: (schema) => ({
      sql: `SELECT level, COUNT(*) AS plays, COUNT(DISTINCT user_id) AS users FROM ${qualified(schema, 'songplays')} GROUP BY level ORDER BY plays DESC`,
      params: [],
    }),
  },
  {
    name: 'top-users',
    title: 'Most active users',
    description: 'Users with the most song plays.',
    build: (schema, p) => ({
      sql: `SELECT u.user_id, u.first_name, u.last_name, u.level, COUNT(*) AS plays
FROM ${qualified(schema, 'songplays')} sp JOIN ${qualified(schema, 'users')} u ON u.user_id = sp.user_id
GROUP BY u.user_id, u.first_name, u.last_name, u.level ORDER BY plays DESC, u.user_id LIMIT $1`,
      params: [p.limit],
    }),
  },
  {
    name: 'plays-by-hour',
    title: 'Plays by hour of day',
    description: 'When listeners play songs (UTC hour).',
    build: (schema) => ({
      sql: `SELECT t.hour, COUNT(*) AS plays FROM ${qualified(schema, 'songplays')} sp JOIN ${qualified(schema, 'time')} t ON t.start_time = sp.start_time GROUP BY t.hour ORDER BY t.hour`,
      params: [],
    }),
  },
];
