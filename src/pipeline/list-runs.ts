import type { Row, SqlParam, Warehouse } from '../engines/warehouse.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** The SQL of `sparkify runs`: the latest runs first, as recorded in etl_runs. */
export function runsQuery(schema: string, limit: number): { sql: string; params: SqlParam[] } {
  return {
    sql: bookkeepingSql(schema).runs.latest,
    params: [limit],
  };
}

/** The latest runs first, as recorded in etl_runs. */
export async function listRuns(warehouse: Warehouse, limit: number): Promise<Row[]> {
  const { sql, params } = runsQuery(warehouse.schema, limit);
  return warehouse.query(sql, params);
}
