import type { Row, Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { qualified } from '../sql/quote.js';

/** The schema drift of one run (default: the latest succeeded run): its run id and one row per field. */
export async function listDrift(warehouse: Warehouse, runId?: string): Promise<{ runId: string | null; fields: Row[] }> {
  const t = (name: string) => qualified(warehouse.schema, name);
  let run = runId;
  if (run === undefined) {
    const [latest] = await warehouse.query(`SELECT run_id FROM ${t('etl_runs')} WHERE status = 'succeeded' ORDER BY finished_at DESC, started_at DESC LIMIT 1`);
    if (!latest) return { runId: null, fields: [] };
    run = String(latest.run_id);
  } else {
    const [known] = await warehouse.query(`SELECT run_id FROM ${t('etl_runs')} WHERE run_id = $1`, [run]);
    if (!known) throw new SparkifyError('USAGE', `no run "${run}" in this warehouse — \`sparkify runs\` lists them`);
  }
  const fields = await warehouse.query(`SELECT kind, field, records, first_file, first_line FROM ${t('schema_drift')} WHERE run_id = $1 ORDER BY kind, field`, [run]);
  return { runId: run, fields };
}
