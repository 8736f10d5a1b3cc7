import type { Warehouse } from '../engines/warehouse.js';
import { redactSecrets } from '../redact.js';
import { qualified } from '../sql/quote.js';
import type { RunInterrupted } from './run-interrupted.js';

/** The etl_runs row of one run: opened as `running`, closed as `succeeded`, `failed` or `interrupted`. */
export class RunRecord {
  constructor(
    private readonly warehouse: Warehouse,
    readonly runId: string,
  ) {}

  private get table(): string {
    return qualified(this.warehouse.schema, 'etl_runs');
  }

  async open(source: string): Promise<void> {
    await this.warehouse.run(`INSERT INTO ${this.table} (run_id, started_at, target, source, status) VALUES ($1, CAST($4 AS TIMESTAMP), $2, $3, 'running')`, [
      this.runId,
      this.warehouse.target,
      redactSecrets(source),
      utcNow(),
    ]);
  }

  async succeed(files: number, rejects: number, summaryJson: string): Promise<void> {
    await this.warehouse.run(
      `UPDATE ${this.table} SET status = 'succeeded', finished_at = CAST($5 AS TIMESTAMP), files = $2, rejects = $3, summary_json = $4 WHERE run_id = $1`,
      [this.runId, files, rejects, summaryJson, utcNow()],
    );
  }

  /** Stopped by a signal and rolled back: the step it had reached goes into `error`. */
  async interrupt(error: RunInterrupted): Promise<void> {
    await this.warehouse.run(`UPDATE ${this.table} SET status = 'interrupted', finished_at = CAST($3 AS TIMESTAMP), error = $2 WHERE run_id = $1`, [
      this.runId,
      `interrupted by ${error.signal} during ${error.step}`,
      utcNow(),
    ]);
  }

  async fail(error: unknown): Promise<void> {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    await this.warehouse
      .run(`UPDATE ${this.table} SET status = 'failed', finished_at = CAST($3 AS TIMESTAMP), error = $2 WHERE run_id = $1`, [this.runId, message, utcNow()])
      .catch(() => undefined);
  }
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs still marked running were killed: only called while holding the run lock. */
export async function abandonStaleRuns(warehouse: Warehouse): Promise<void> {
  await warehouse.run(
    `UPDATE ${qualified(warehouse.schema, 'etl_runs')} SET status = 'abandoned', error = 'the process ended before the run finished' WHERE status = 'running'`,
  );
}

/** Wall-clock time as a UTC timestamp literal; CURRENT_TIMESTAMP would give the transaction's start. */
function utcNow(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}
