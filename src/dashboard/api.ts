import { parseQueryParams } from '../analytics/params.js';
import { analyticQueries, findQuery } from '../analytics/queries.js';
import type { AnalyticQuery } from '../analytics/query-def.js';
import { runAnalysis } from '../analytics/run-analysis.js';
import type { Warehouse } from '../engines/warehouse.js';
import { isSparkifyError, SparkifyError } from '../errors.js';
import { listRejects } from '../pipeline/list-rejects.js';
import { lastRun } from './last-run.js';
import type { WarehouseReader } from './warehouse-reader.js';

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** What the page needs to know about an analysis (no SQL). */
export function describeQuery(query: AnalyticQuery) {
  return {
    name: query.name,
    title: query.title,
    description: query.description,
    params: query.params,
    columns: query.columns,
    ...(query.chart ? { chart: query.chart } : {}),
  };
}

/**
 * The read-only JSON API over one warehouse: the named analyses and the last run, nothing
 * else — the browser never sends SQL. Calls run one at a time through `reader`.
 */
export function createApi(description: string, reader: WarehouseReader, onError: (error: unknown) => void = () => undefined) {
  /** Answers GET `pathname?search`; undefined when the path is not part of the API. */
  return async function handle(pathname: string, search: URLSearchParams): Promise<ApiResponse | undefined> {
    try {
      if (pathname === '/api/queries') {
        return ok({ warehouse: description, queries: analyticQueries.map(describeQuery) });
      }
      if (pathname === '/api/last-run') return ok({ lastRun: await reader.use(lastRun) });
      if (pathname === '/api/rejects') return ok(await reader.use((warehouse) => rejectsOf(warehouse, search)));
      const match = /^\/api\/query\/([^/]+)$/.exec(pathname);
      if (!match) return undefined;
      const query = findQuery(safeDecode(match[1]!));
      const raw: Record<string, string> = {};
      for (const [key, value] of search) {
        if (key in raw) return { status: 400, body: { error: `parameter "${key}" is given more than once` } };
        raw[key] = value;
      }
      const params = parseQueryParams(query, raw);
      return ok(await reader.use((warehouse) => runAnalysis(warehouse, query, params)));
    } catch (error) {
      if (isSparkifyError(error) && error.code === 'USAGE') return { status: 400, body: { error: error.message } };
      onError(error);
      return { status: 500, body: { error: 'the query failed; see the dashboard output for details' } };
    }
  };
}

/** The rejected records of one run (`run`), narrowed to a `kind` and `reason` when given; at most `limit` (default 100). */
async function rejectsOf(warehouse: Warehouse, search: URLSearchParams) {
  const runId = search.get('run');
  if (!runId) throw new SparkifyError('USAGE', 'run=ID is required');
  const limit = Number(search.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new SparkifyError('USAGE', `limit must be a whole number from 1 to 10000, got "${search.get('limit')}"`);
  return listRejects(warehouse, { runId, limit, kind: search.get('kind') ?? undefined, reason: search.get('reason') ?? undefined });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}
