import { SparkifyError } from '../../errors.js';
import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery } from '../query-def.js';
import { daysBetween, fillGaps, isoDay, num } from '../shape-helpers.js';
import { Placeholders, whereClause } from '../sql-params.js';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** songplays joined to time, filtered by date range and level; grouped by the given time columns. */
function byTime(schema: string, params: Parameters<AnalyticQuery['build']>[1], columns: string[]) {
  const p = new Placeholders();
  const where = whereClause(params, { time: 'sp.start_time', level: 'sp.level' }, p);
  const group = columns.map((c) => `t.${c}`).join(', ');
  return {
    sql: `SELECT ${group}, COUNT(*) AS plays, COUNT(DISTINCT sp.user_id) AS users
FROM ${qualified(schema, 'songplays')} sp
JOIN ${qualified(schema, 'time')} t ON t.start_time = sp.start_time
${where}
GROUP BY ${group}
ORDER BY ${group}`,
    params: p.values,
  };
}

const maxFilledDays = 3660;

export const timeQueries: AnalyticQuery[] = [
  {
    name: 'plays-by-day',
    title: 'Plays per day',
    description: 'Song plays and distinct listeners per calendar day (UTC); days without plays count zero.',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'day', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'line', label: 'day', series: ['plays'] },
    build: (schema, params) => byTime(schema, params, ['year', 'month', 'day']),
    shape(rows, params) {
      const dated = rows.map((r) => ({ day: isoDay(r.year, r.month, r.day), plays: r.plays ?? 0, users: r.users ?? 0 }));
      // Every day of the asked range (--from/--to), else from the first to the last day with plays.
      // Filled here rather than in SQL: Redshift cannot generate_series on its compute nodes.
      const first = params.from ?? dated[0]?.day;
      const last = params.to ?? dated.at(-1)?.day;
      if (first === undefined || last === undefined) return dated;
      const days = daysBetween(first, last);
      if (days.length > maxFilledDays) {
        throw new SparkifyError('USAGE', `plays-by-day lists at most ${maxFilledDays} days (10 years); ${first} to ${last} is ${days.length} — narrow the range`);
      }
      return fillGaps(dated, 'day', days, (day) => ({ day, plays: 0, users: 0 }));
    },
  },
  {
    name: 'plays-by-hour',
    title: 'Plays by hour of day',
    description: 'When listeners play songs: plays per hour of the day (UTC, 0-23).',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'hour', kind: 'count' },
      { key: 'plays', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'bar', label: 'hour', series: ['plays'] },
    build: (schema, params) => byTime(schema, params, ['hour']),
    shape: (rows) =>
      fillGaps(
        rows.map((r) => ({ ...r, hour: num(r.hour) })),
        'hour',
        Array.from({ length: 24 }, (_, h) => h),
        (hour) => ({ hour, plays: 0, users: 0 }),
      ),
  },
  {
    name: 'plays-by-weekday',
    title: 'Plays by weekday',
    description: 'Plays per day of the week (UTC), Sunday first.',
    params: ['from', 'to', 'level'],
    columns: [
      { key: 'weekday', kind: 'text' },
      { key: 'plays', kind: 'count' },
      { key: 'users', kind: 'count' },
    ],
    chart: { type: 'bar', label: 'weekday', series: ['plays'] },
    build: (schema, params) => byTime(schema, params, ['weekday']),
    shape: (rows) =>
      fillGaps(
        rows.map((r) => ({ ...r, weekday: weekdays[num(r.weekday)] ?? String(r.weekday) })),
        'weekday',
        weekdays,
        (weekday) => ({ weekday, plays: 0, users: 0 }),
      ),
  },
];
