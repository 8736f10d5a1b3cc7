import { SparkifyError } from '../errors.js';
import { nearestName } from '../nearest-name.js';
import { catalogQueries } from './queries/catalog-queries.js';
import { churnQuery } from './queries/churn-query.js';
import { conversionFunnelQuery } from './queries/conversion-funnel-query.js';
import { levelHistoryQueries } from './queries/level-history-queries.js';
import { levelQueries } from './queries/level-queries.js';
import { listenerQueries } from './queries/listener-queries.js';
import { placeDeviceQueries } from './queries/place-device-queries.js';
import { sessionMinutesQuery } from './queries/session-minutes-query.js';
import { timeQueries } from './queries/time-queries.js';
import { weekdayWeekendQuery } from './queries/weekday-weekend-query.js';
import type { AnalyticQuery } from './query-def.js';

/** Every named analysis, in the order `sparkify analyze` lists them and the dashboard shows them. */
export const analyticQueries: AnalyticQuery[] = [
  ...timeQueries,
  ...levelQueries,
  ...levelHistoryQueries,
  conversionFunnelQuery,
  churnQuery,
  weekdayWeekendQuery,
  sessionMinutesQuery,
  ...catalogQueries,
  ...listenerQueries,
  ...placeDeviceQueries,
];

/** The analysis called `name`; an unknown name is a USAGE error that lists the known ones. */
export function findQuery(name: string): AnalyticQuery {
  const query = analyticQueries.find((q) => q.name === name);
  if (!query) {
    const names = analyticQueries.map((q) => q.name);
    const near = nearestName(name, names);
    throw new SparkifyError('USAGE', `unknown analysis "${name}"${near ? ` — did you mean "${near}"?` : ''}; known: ${names.join(', ')}`);
  }
  return query;
}
