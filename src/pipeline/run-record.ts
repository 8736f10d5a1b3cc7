import type { Warehouse } from '../engines/warehouse.js';
import { redactSecrets } from '../redact.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';
import type { RunInterrupted } from './run-interrupted.js';

/** The etl_runs row of one run: opened as `running`, closed as `succeeded`, `failed` or `interrupted`. */
export class RunRecord {
  constructor(
    private readonly warehouse: Warehouse,
    readonly runId: string,
  ) {}

  private get sql() {
    return bookkeepingSql(this.warehouse.schema).runs;
  }

  async open(source: string): Promise<void> {
    await this.warehouse.run(this.sql.open, [this.runId, this.warehouse.target, redactSecrets(source), utcNow()]);
  }

  async succeed(files: number, rejects: number, summaryJson: string): Promise<void> {
    await this.warehouse.run(this.sql.succeed, [this.runId, files, rejects, summaryJson, utcNow()]);
  }

  /** Stopped by a signal and rolled back: the step it had reached goes into `error`. */
  async interrupt(error: RunInterrupted): Promise<void> {
    await this.warehouse.run(this.sql.interrupt, [this.runId, `interrupted by ${error.signal} during ${error.step}`, utcNow()]);
  }

  /** Marks the run failed with its error and what it got through: files staged, records rejected (null when unknown). */
  async fail(error: unknown, done: { files: number | null; rejects: number | null } = { files: null, rejects: null }): Promise<void> {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    await this.warehouse.run(this.sql.fail, [this.runId, message, utcNow(), done.files, done.rejects]).catch(() => undefined);
  }
}

export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs still marked running were killed: only called while holding the run lock. */
export async function abandonStaleRuns(warehouse: Warehouse): Promise<void> {
  await warehouse.run(bookkeepingSql(warehouse.schema).runs.abandonStale);
}

/** Wall-clock time as a UTC timestamp literal; CURRENT_TIMESTAMP would give the transaction's start. */
function utcNow(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}
