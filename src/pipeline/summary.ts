import type { CheckResult } from '../sql/checks.js';
import type { DriftEntry } from './drift-sink.js';
import type { WindowOutcome } from './trim-to-window.js';

/** What one etl run did; `--json` prints exactly this. */
export interface RunSummary {
  runId: string;
  target: string;
  database: string;
  source: string;
  /** Files staged this run, and files skipped because they were loaded before unchanged. */
  files: { events: number; songs: number; unchanged: number };
  tables: Record<string, number>;
  songplays_matched: number;
  rejects: { events: number; songs: number };
  checks: CheckResult[];
  /** Fields present in the data but not loaded (schema drift); nothing is rejected for them. Absent in runs recorded before it existed. */
  drift?: DriftEntry[];
  /** A backfill run (--from/--to): its days and what it left for a later run. */
  window?: WindowOutcome;
  timings_ms: Record<string, number>;
  /** What the run went on with but should be heard (no song files found, a slice count it could not read …); absent when nothing. */
  warnings?: string[];
}
