import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const playFilter = { time: 'sp.start_time', level: 'sp.level' };

export const catalogQueries: AnalyticQuery[] = [
  {
    name: 'top-songs',
    title: 'Top songs',
    description: 'The most played catalog songs; only plays that matched a catalog song (title, artist and duration) count.',
    params: ['from', 'to', 'level', 'limit'],
    columns: [
      { key: 'title', kind: 'text' },
      { key: 'artist', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'hbar', label: 'title', series: ['plays'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, playFilter, p);
      return {
        sql: `SELECT s.song_id, s.title, a.name AS artist, COUNT(*) AS plays, COUNT(DISTINCT sp.user_id) AS users
FROM ${qualified(schema, 'songplays')} sp
JOIN ${qualified(schema, 'songs')} s ON s.song_id = sp.song_id
LEFT JOIN ${qualified(schema, 'artists')} a ON a.artist_id = s.artist_id
${where}
GROUP BY s.song_id, s.title, a.name
ORDER BY plays DESC, s.title, s.song_id
LIMIT ${p.bind(params.limit)}`,
        params: p.values,
      };
    },
  },
  {
    name: 'top-artists',
    title: 'Top artists',
    description: 'The most played catalog artists; only plays that matched a catalog song count.',
    params: ['from', 'to', 'level', 'limit'],
    columns: [
      { key: 'artist', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'songs', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'hbar', label: 'artist', series: ['plays'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, playFilter, p);
      return {
        sql: `SELECT a.artist_id, a.name AS artist, COUNT(*) AS plays, COUNT(DISTINCT sp.song_id) AS songs, COUNT(DISTINCT sp.user_id) AS users
FROM ${qualified(schema, 'songplays')} sp
JOIN ${qualified(schema, 'artists')} a ON a.artist_id = sp.artist_id
${where}
GROUP BY a.artist_id, a.name
ORDER BY plays DESC, a.name, a.artist_id
LIMIT ${p.bind(params.limit)}`,
        params: p.values,
      };
    },
  },
  {
    name: 'catalog-coverage',
    title: 'Catalog coverage',
    description: 'Share of song plays that matched a song of the catalog (songs/artists tables); the rest have no song_id.',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'match', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'share_pct', kind: 'percent' },
    ],
    chart: { type: 'doughnut', label: 'match', series: ['plays'] },
    build(schema, params) {
      const p = new Placeholders();
      const where = whereClause(params, playFilter, p);
      return {
        sql: `SELECT SUM(CASE WHEN sp.song_id IS NULL THEN 0 ELSE 1 END) AS matched, COUNT(*) AS plays
FROM ${qualified(schema, 'songplays')} sp
${where}`,
        params: p.values,
      };
    },
    shape(rows) {
      const plays = num(rows[0]?.plays);
      const matched = num(rows[0]?.matched);
      const share = (n: number) => (plays === 0 ? 0 : (100 * n) / plays);
      return [
        { match: 'matched', plays: matched, share_pct: share(matched) },
        { match: 'unmatched', plays: plays - matched, share_pct: share(plays - matched) },
      ];
    },
  },
];
