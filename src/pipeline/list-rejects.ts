import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { cachedObjectUrl } from '../s3/cache.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** One rejected record as `sparkify rejects` and the dashboard show it. */
export interface RejectedRecord {
  kind: string;
  /** The file, or `s3://bucket/key` for an object read through the local S3 cache. */
  file: string;
  line: number | null;
  reason: string;
  /** The offending text (clipped when it was long); null when the engine could not tell. */
  text: string | null;
}

/** The rejects of one run: how many there are in all, and the first `limit` of them. */
export interface RunRejects {
  runId: string;
  total: number;
  records: RejectedRecord[];
}

/** A cached copy of an S3 object is shown as the object it stands for. */
export function displayFile(path: string): string {
  return cachedObjectUrl(path) ?? path;
}

/** The rejects of `runId`, or of the latest run that had any; undefined when no run rejected anything. */
export async function listRejects(warehouse: Warehouse, options: { runId?: string; limit: number; kind?: string; reason?: string }): Promise<RunRejects | undefined> {
  const sql = bookkeepingSql(warehouse.schema);
  const runId = options.runId ?? (await latestRunWithRejects(warehouse));
  if (runId === undefined) return undefined;
  if (options.runId !== undefined) {
    const [known] = await warehouse.query(sql.runs.exists, [runId]);
    if (!known) throw new SparkifyError('USAGE', `no run "${runId}" in ${warehouse.description} — \`sparkify runs\` lists the run ids`);
  }
  // Narrowed to one kind and reason when asked (the dashboard's link from a reason to its records).
  const params: string[] = [runId];
  const narrow = (['kind', 'reason'] as const).flatMap((column) => (options[column] === undefined ? [] : [`${column} = $${params.push(options[column]!)}`]));
  const where = ['run_id = $1', ...narrow].join(' AND ');
  const [count] = await warehouse.query(sql.rejects.count(where), params);
  const rows = await warehouse.query(sql.rejects.page(where, options.limit), params);
  return {
    runId,
    total: Number(count?.n ?? 0),
    records: rows.map((r) => ({
      kind: String(r.kind),
      file: displayFile(String(r.source_file)),
      line: r.line_number === null ? null : Number(r.line_number),
      reason: String(r.reason),
      text: r.raw_line === null ? null : String(r.raw_line),
    })),
  };
}

async function latestRunWithRejects(warehouse: Warehouse): Promise<string | undefined> {
  const [row] = await warehouse.query(bookkeepingSql(warehouse.schema).runs.latestWithRejects);
  return row ? String(row.run_id) : undefined;
}
