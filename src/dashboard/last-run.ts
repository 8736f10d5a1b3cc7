import type { Warehouse } from '../engines/warehouse.js';
import type { RunSummary } from '../pipeline/summary.js';
import { listRejects } from '../pipeline/list-rejects.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

export interface RejectReason {
  kind: string;
  reason: string;
  count: number;
  /** Where it first happened (file or s3:// key, and line), so the page can point at it. */
  first: { file: string; line: number | null } | null;
}

/** How much the reasons shown leave out: reasons not listed, and the records they cover. */
export interface RejectsLeftOut {
  reasons: number;
  records: number;
}

/** The latest succeeded etl run: its summary (counts, rejects, checks) and its commonest reject reasons. */
export interface LastRun {
  runId: string;
  startedAt: string | null;
  finishedAt: string | null;
  source: string | null;
  summary: RunSummary | null;
  rejectReasons: RejectReason[];
  rejectsLeftOut: RejectsLeftOut;
  /** A run that failed after it, if any: the warehouse still holds the succeeded run's data. */
  laterFailure: { runId: string; startedAt: string | null; error: string | null } | null;
}

/** Reads the last run from etl_runs and load_errors; null when no run has succeeded yet. */
export async function lastRun(warehouse: Warehouse): Promise<LastRun | null> {
  const sql = bookkeepingSql(warehouse.schema);
  const [run] = await warehouse.query(sql.runs.lastSucceeded);
  if (!run) return null;
  const runId = String(run.run_id);
  const reasons = await warehouse.query(sql.rejects.reasons, [runId]);
  const shown = reasons.slice(0, shownReasons);
  // One after another: the dashboard's one connection runs one query at a time.
  const firsts: RejectReason['first'][] = [];
  for (const r of shown) firsts.push(await firstOf(warehouse, runId, String(r.kind), String(r.reason)));
  const leftOut = reasons.slice(shownReasons);
  const [failure] = await warehouse.query(sql.runs.failedSince, [runId]);
  return {
    runId,
    startedAt: text(run.started_at),
    finishedAt: text(run.finished_at),
    source: text(run.source),
    summary: parseSummary(run.summary_json),
    rejectReasons: shown.map((r, i) => ({ kind: String(r.kind), reason: String(r.reason), count: Number(r.n), first: firsts[i] ?? null })),
    rejectsLeftOut: { reasons: leftOut.length, records: leftOut.reduce((sum, r) => sum + Number(r.n), 0) },
    laterFailure: failure ? { runId: String(failure.run_id), startedAt: text(failure.started_at), error: text(failure.error) } : null,
  };
}

const shownReasons = 5;

/** The first record (by file, then line) rejected for one reason. */
async function firstOf(warehouse: Warehouse, runId: string, kind: string, reason: string): Promise<RejectReason['first']> {
  const found = await listRejects(warehouse, { runId, kind, reason, limit: 1 });
  const record = found?.records[0];
  return record ? { file: record.file, line: record.line } : null;
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
