import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const bins = 10;

/** Session lengths in minutes, in ten equal-width bins from 0 to the longest session. */
export const sessionMinutesQuery: AnalyticQuery = {
  name: 'session-minutes',
  title: 'Session length distribution',
  description: `Sessions by length in minutes (first to last play start), in ${bins} equal-width bins from 0 to the longest session; the width is rounded up to whole minutes.`,
  params: ['from', 'to', 'level'],
  columns: [
    { key: 'minutes', kind: 'text' },
    { key: 'sessions', kind: 'count' },
  ],
  chart: { type: 'bar', label: 'minutes', series: ['sessions'] },
  build(schema, params) {
    const p = new Placeholders();
    const where = whereClause(params, { time: 'sp.start_time', level: 'sp.level' }, p);
    // The longest session falls in the last bin, not one past it.
    return {
      sql: `WITH sessions AS (
  SELECT (EXTRACT(EPOCH FROM MAX(sp.start_time)) - EXTRACT(EPOCH FROM MIN(sp.start_time))) / 60 AS minutes
  FROM ${qualified(schema, 'songplays')} sp
  ${where}
  GROUP BY sp.session_id, sp.user_id
), width AS (
  SELECT GREATEST(CEIL(MAX(minutes) / ${bins}), 1) AS w FROM sessions
)
SELECT LEAST(FLOOR(s.minutes / width.w), ${bins - 1}) AS bin, width.w AS width, COUNT(*) AS sessions
FROM sessions s CROSS JOIN width
GROUP BY LEAST(FLOOR(s.minutes / width.w), ${bins - 1}), width.w
ORDER BY bin`,
      params: p.values,
    };
  },
  shape(rows) {
    if (rows.length === 0) return [];
    const width = num(rows[0]!.width);
    const byBin = new Map(rows.map((r) => [num(r.bin), num(r.sessions)]));
    return Array.from({ length: bins }, (_, i) => ({ minutes: `${i * width}-${(i + 1) * width}`, sessions: byBin.get(i) ?? 0 }));
  },
};
