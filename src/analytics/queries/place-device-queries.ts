import { qualified } from '../../sql/quote.js';
import type { AnalyticQuery, QueryParams } from '../query-def.js';
import { browserRules, classifySql, osRules } from '../user-agent-rules.js';
import { Placeholders, whereClause } from '../sql-params.js';

const playFilter = { time: 'sp.start_time', level: 'sp.level' };

/** The text after the last ', ' of the location ("Chicago-Naperville-Elgin, IL-IN-WI" → "IL-IN-WI"), without engine-specific functions. */
export function stateSql(column: string): string {
  const cut = `POSITION(' ,' IN REVERSE(${column}))`;
  return `CASE WHEN ${column} IS NULL OR ${column} = '' THEN '(unknown)' WHEN ${cut} = 0 THEN ${column}
     ELSE SUBSTRING(${column}, LENGTH(${column}) - ${cut} + 2, LENGTH(${column})) END`;
}

/** Plays and listeners grouped by `expression` over songplays, biggest first. */
function playsBy(schema: string, params: QueryParams, expression: string, key: string, limited: boolean) {
  const p = new Placeholders();
  const where = whereClause(params, playFilter, p);
  return {
    sql: `SELECT g.${key}, COUNT(*) AS plays, COUNT(DISTINCT g.user_id) AS users
FROM (
  SELECT ${expression} AS ${key}, sp.user_id
  FROM ${qualified(schema, 'songplays')} sp
  ${where}
) g
GROUP BY g.${key}
ORDER BY plays DESC, g.${key}${limited ? `\nLIMIT ${p.bind(params.limit)}` : ''}`,
    params: p.values,
  };
}

const counted = (key: string) => [
  { key, kind: 'text' as const },
  { key: 'plays', kind: 'count' as const },
  { key: 'users', kind: 'count' as const },
];

export const placeDeviceQueries: AnalyticQuery[] = [
  {
    name: 'plays-by-state',
    title: 'Where listeners are: states',
    description: "Plays and listeners by state: the text after the last ', ' of the play's location (metro areas across states read like IL-IN-WI).",
    params: ['from', 'to', 'level', 'limit'],
    columns: counted('state'),
    chart: { type: 'hbar', label: 'state', series: ['plays'] },
    build: (schema, params) => playsBy(schema, params, stateSql('sp.location'), 'state', true),
  },
  {
    name: 'top-locations',
    title: 'Where listeners are: metro areas',
    description: 'Plays and listeners by the location of the play, as the event log names it.',
    params: ['from', 'to', 'level', 'limit'],
    columns: counted('location'),
    chart: { type: 'hbar', label: 'location', series: ['plays'] },
    build: (schema, params) => playsBy(schema, params, `COALESCE(sp.location, '(unknown)')`, 'location', true),
  },
  {
    name: 'browsers',
    title: 'Browsers',
    description: 'Plays and listeners by browser, classified from the user agent (Internet Explorer, Edge, Firefox, Chrome, Safari, Other).',
    params: ['from', 'to', 'level'],
    columns: counted('browser'),
    chart: { type: 'doughnut', label: 'browser', series: ['plays'] },
    build: (schema, params) => playsBy(schema, params, classifySql('sp.user_agent', browserRules), 'browser', false),
  },
  {
    name: 'operating-systems',
    title: 'Operating systems',
    description: 'Plays and listeners by operating system, classified from the user agent (Windows, macOS, Linux, iOS, Android, Other).',
    params: ['from', 'to', 'level'],
    columns: counted('os'),
    chart: { type: 'doughnut', label: 'os', series: ['plays'] },
    build: (schema, params) => playsBy(schema, params, classifySql('sp.user_agent', osRules), 'os', false),
  },
];
