import type { CheckResult } from '../sql/checks.js';

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
  timings_ms: Record<string, number>;
  /** What the run fell back on (e.g. a slice count it could not read); absent when nothing. */
  warnings?: string[];
}
