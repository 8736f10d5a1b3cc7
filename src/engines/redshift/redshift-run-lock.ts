import { SparkifyError } from '../../errors.js';
import { qualified } from '../../sql/quote.js';
import type { LockWaitListener, RunLock, Warehouse } from '../warehouse.js';

/*
 * Redshift has no advisory locks. One etl at a time per schema: a second connection (or
 * Data API session) opens a transaction and takes `LOCK run_lock`, and keeps it open for the
 * whole run. Unlike a row in a lock table, it cannot outlive its holder: when the process
 * dies the connection (or, after its keep-alive, the session) ends and Redshift releases it.
 * The run's own connection never touches run_lock, so it cannot wait on its own lock.
 */

/** A connection that holds the lock: LOCK within a transaction, bounded by a wait, released by ending it. */
export interface LockSession {
  /** BEGIN, then `sql`; false when not granted within `waitMs` (the attempt is abandoned). */
  tryLock(sql: string, waitMs: number): Promise<boolean>;
  /** Ends the transaction (releasing the lock) and the connection. */
  end(): Promise<void>;
}

export const lockTable = 'run_lock';

/** Takes the schema's run lock on a fresh session, or fails after `waitMs` naming the run that holds it. */
export async function acquireRedshiftRunLock(warehouse: Warehouse, openSession: () => Promise<LockSession>, waitMs: number, onWait?: LockWaitListener): Promise<RunLock> {
  const table = qualified(warehouse.schema, lockTable);
  await ensureLockTable(warehouse);
  const session = await openSession();
  let granted = false;
  const stopCountdown = onWait ? countdown(warehouse, Date.now() + waitMs, onWait) : () => undefined;
  try {
    granted = await session.tryLock(`LOCK ${table}`, waitMs);
  } finally {
    stopCountdown();
    if (!granted) await session.end().catch(() => undefined);
  }
  if (!granted) {
    throw new SparkifyError(
      'LOCKED',
      `schema "${warehouse.schema}" in ${warehouse.description} is being loaded by ${await describeHolder(warehouse)}; waited ${+(waitMs / 1000).toFixed(1)}s — try again when it finishes, or raise --lock-wait`,
    );
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await session.end().catch(() => undefined);
    },
  };
}

/** Creates run_lock when missing; asks the catalog, since a SELECT on the table would wait behind the holder's lock. */
async function ensureLockTable(warehouse: Warehouse): Promise<void> {
  const found = await warehouse.query(
    `SELECT 1 AS found FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [warehouse.schema, lockTable],
  );
  if (found.length > 0) return;
  // Two runs creating it at once: one wins, the other's "already exists" is fine.
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${qualified(warehouse.schema, lockTable)} (note VARCHAR(64))`).catch(() => undefined);
}

/**
 * LOCK simply blocks while another session holds it: a LOCK not granted within a quarter second
 * is waiting, and from then on `onWait` hears who holds it and the time left, every second.
 */
function countdown(warehouse: Warehouse, deadline: number, onWait: LockWaitListener): () => void {
  let stopped = false;
  let holder: string | undefined;
  let every: ReturnType<typeof setInterval> | undefined;
  const tick = async () => {
    holder ??= await describeHolder(warehouse);
    if (!stopped) onWait(holder, Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  };
  const first = setTimeout(() => {
    void tick();
    every = setInterval(() => void tick(), 1000);
  }, 250);
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}

/** The running etl_runs row, as well as can be told (reads never wait on Redshift's locks). */
async function describeHolder(warehouse: Warehouse): Promise<string> {
  const [run] = await warehouse
    .query(`SELECT run_id, started_at FROM ${qualified(warehouse.schema, 'etl_runs')} WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`)
    .catch(() => []);
  if (run) return `run ${String(run.run_id)} (started ${String(run.started_at)})`;
  return 'another connection (a run that is starting, or one whose process ended: its lock goes when its session closes)';
}
