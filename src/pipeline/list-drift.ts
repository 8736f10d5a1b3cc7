import type { Row, Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** The schema drift of one run (default: the latest succeeded run): its run id and one row per field. */
export async function listDrift(warehouse: Warehouse, runId?: string): Promise<{ runId: string | null; fields: Row[] }> {
  const sql = bookkeepingSql(warehouse.schema);
  let run = runId;
  if (run === undefined) {
    const [latest] = await warehouse.query(sql.runs.lastSucceeded);
    if (!latest) return { runId: null, fields: [] };
    run = String(latest.run_id);
  } else {
    const [known] = await warehouse.query(sql.runs.exists, [run]);
    if (!known) throw new SparkifyError('USAGE', `no run "${run}" in this warehouse — \`sparkify runs\` lists them`);
  }
  const fields = await warehouse.query(sql.drift.ofRun, [run]);
  return { runId: run, fields };
}
