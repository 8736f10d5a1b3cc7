import type { Warehouse } from '../engines/warehouse.js';
import type { RunSummary } from '../pipeline/summary.js';
import { qualified } from '../sql/quote.js';

export interface RejectReason {
  kind: string;
  reason: string;
  count: number;
}

/** The latest succeeded etl run: its summary (counts, rejects, checks) and its commonest reject reasons. */
export interface LastRun {
  runId: string;
  startedAt: string | null;
  finishedAt: string | null;
  source: string | null;
  summary: RunSummary | null;
  rejectReasons: RejectReason[];
  /** A run that failed after it, if any: the warehouse still holds the succeeded run's data. */
  laterFailure: { runId: string; startedAt: string | null; error: string | null } | null;
}

/** Reads the last run from etl_runs and load_errors; null when no run has succeeded yet. */
export async function lastRun(warehouse: Warehouse): Promise<LastRun | null> {
  const t = (name: string) => qualified(warehouse.schema, name);
  const [run] = await warehouse.query(
    `SELECT run_id, started_at, finished_at, source, summary_json FROM ${t('etl_runs')}
WHERE status = 'succeeded' ORDER BY finished_at DESC, started_at DESC LIMIT 1`,
  );
  if (!run) return null;
  const runId = String(run.run_id);
  const reasons = await warehouse.query(
    `SELECT kind, reason, COUNT(*) AS n FROM ${t('load_errors')} WHERE run_id = $1
GROUP BY kind, reason ORDER BY n DESC, kind, reason LIMIT 5`,
    [runId],
  );
  const [failure] = await warehouse.query(
    `SELECT run_id, started_at, error FROM ${t('etl_runs')}
WHERE status = 'failed' AND started_at > (SELECT started_at FROM ${t('etl_runs')} WHERE run_id = $1)
ORDER BY started_at DESC LIMIT 1`,
    [runId],
  );
  return {
    runId,
    startedAt: text(run.started_at),
    finishedAt: text(run.finished_at),
    source: text(run.source),
    summary: parseSummary(run.summary_json),
    rejectReasons: reasons.map((r) => ({ kind: String(r.kind), reason: String(r.reason), count: Number(r.n) })),
    laterFailure: failure ? { runId: String(failure.run_id), startedAt: text(failure.started_at), error: text(failure.error) } : null,
  };
}

function parseSummary(json: unknown): RunSummary | null {
  if (typeof json !== 'string') return null;
  try {
    return JSON.parse(json) as RunSummary;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
