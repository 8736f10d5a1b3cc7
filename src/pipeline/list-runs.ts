import type { Row, SqlParam, Warehouse } from '../engines/warehouse.js';
import { qualified } from '../sql/quote.js';

/** The SQL of `sparkify runs`: the latest runs first, as recorded in etl_runs. */
export function runsQuery(schema: string, limit: number): { sql: string; params: SqlParam[] } {
  return {
    sql: `SELECT run_id, status, started_at, finished_at, source, files, rejects, error FROM ${qualified(schema, 'etl_runs')} ORDER BY started_at DESC, run_id DESC LIMIT $1`,
    params: [limit],
  };
}

/** The latest runs first, as recorded in etl_runs. */
export async function listRuns(warehouse: Warehouse, limit: number): Promise<Row[]> {
  const { sql, params } = runsQuery(warehouse.schema, limit);
  return warehouse.query(sql, params);
}
