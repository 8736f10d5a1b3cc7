import type { Row, Warehouse } from '../engines/warehouse.js';
import { qualified } from '../sql/quote.js';

/** The latest runs first, as recorded in etl_runs. */
export async function listRuns(warehouse: Warehouse, limit: number): Promise<Row[]> {
  return warehouse.query(
    `SELECT run_id, status, started_at, finished_at, source, files, rejects, error FROM ${qualified(warehouse.schema, 'etl_runs')} ORDER BY started_at DESC, run_id DESC LIMIT $1`,
    [limit],
  );
}
