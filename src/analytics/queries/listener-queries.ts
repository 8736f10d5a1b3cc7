import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery, QueryParams } from '../query-def.js';
import { fillGaps, num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const playFilter = { time: 'sp.start_time', level: 'sp.level' };
const sessionBuckets = [
  { label: '1', max: 1 },
  { label: '2-5', max: 5 },
  { label: '6-10', max: 10 },
  { label: '11-25', max: 25 },
  { label: '26-50', max: 50 },
  { label: '51-100', max: 100 },
  { label: 'over 100', max: Infinity },
];

/** CASE mapping a song count to its bucket label; labels and bounds are constants of this file. */
function bucketCase(column: string): string {
  const whens = sessionBuckets.filter((b) => b.max !== Infinity).map((b) => `WHEN ${column} <= ${b.max} THEN '${b.label}'`);
  return `CASE ${whens.join(' ')} ELSE 'over 100' END`;
}

/** One row per listening session: songs played and seconds from its first to its last play start. */
function sessionsSql(schema: string, params: QueryParams, p: Placeholders): string {
  return `SELECT sp.session_id, sp.user_id, COUNT(*) AS songs,
         EXTRACT(EPOCH FROM MAX(sp.start_time)) - EXTRACT(EPOCH FROM MIN(sp.start_time)) AS seconds
  FROM ${qualified(schema, 'songplays')} sp
  ${whereClause(params, playFilter, p)}
  GROUP BY sp.session_id, sp.user_id`;
}

export const listenerQueries: AnalyticQuery[] = [
  {
    name: 'top-users',
    title: 'Most active users',
    description: 'Users with the most song plays, with their sessions and current level.',
    params: ['from', 'to', 'level', 'limit'],
    columns: [
      { key: 'user_id', kind: 'text' },
      { key: 'name', kind: 'text' },
      { key: 'level', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'sessions', kind: 'count' },
    ],
    chart: { type: 'hbar', label: 'name', series: ['plays'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, playFilter, p);
      return {
        sql: `SELECT sp.user_id, u.first_name, u.last_name, u.level, COUNT(*) AS plays, COUNT(DISTINCT sp.session_id) AS sessions
FROM ${qualified(schema, 'songplays')} sp
LEFT JOIN ${qualified(schema, 'users')} u ON u.user_id = sp.user_id
${where}
GROUP BY sp.user_id, u.first_name, u.last_name, u.level
ORDER BY plays DESC, sp.user_id
LIMIT ${p.bind(params.limit)}`,
        params: p.values,
      };
    },
    shape: (rows) =>
      rows.map((r) => ({
        user_id: r.user_id ?? null,
        name: [r.first_name, r.last_name].filter((n) => n !== null && n !== undefined && n !== '').join(' ') || `user ${r.user_id}`,
        level: r.level ?? null,
        plays: r.plays ?? 0,
        sessions: r.sessions ?? 0,
      })),
  },
  {
    name: 'sessions',
    title: 'Listening sessions',
    description:
      'Sessions with at least one song play: how many, and their average length in songs and in minutes ' +
      '(from the first to the last play start, so one-song sessions last 0 minutes).',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'sessions', kind: 'count' },
      { key: 'users', kind: 'count' },
      { key: 'avg_songs', kind: 'decimal' },
      { key: 'avg_minutes', kind: 'decimal' },
      { key: 'max_songs', kind: 'count' },
    ],
    build(schema, params) {
      const p = new Placeholders();
      return {
        sql: `SELECT COUNT(*) AS sessions, COUNT(DISTINCT s.user_id) AS users,
       AVG(CAST(s.songs AS DOUBLE PRECISION)) AS avg_songs,
       AVG(CAST(s.seconds AS DOUBLE PRECISION)) / 60 AS avg_minutes,
       MAX(s.songs) AS max_songs
FROM (
  ${sessionsSql(schema, params, p)}
) s`,
        params: p.values,
      };
    },
  },
  {
    name: 'session-lengths',
    title: 'Session lengths',
    description: 'How many sessions played 1, 2-5, 6-10, … songs.',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'songs', kind: 'text' },
      { key: 'sessions', kind: 'count' },
    ],
    chart: { type: 'bar', label: 'songs', series: ['sessions'] },
    build(schema, params) {
      const p = new Placeholders();
      return {
        sql: `SELECT b.bucket, COUNT(*) AS sessions
FROM (
  SELECT ${bucketCase('s.songs')} AS bucket
  FROM (
    ${sessionsSql(schema, params, p)}
  ) s
) b
GROUP BY b.bucket`,
        params: p.values,
      };
    },
    shape: (rows) =>
      fillGaps(
        rows.map((r) => ({ songs: r.bucket ?? null, sessions: num(r.sessions) })),
        'songs',
        sessionBuckets.map((b) => b.label),
        (songs) => ({ songs, sessions: 0 }),
      ),
  },
];
