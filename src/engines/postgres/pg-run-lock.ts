import type pg from 'pg';
import { SparkifyError } from '../../errors.js';
import { qualified } from '../../sql/quote.js';
import type { LockWaitListener, RunLock } from '../warehouse.js';

/*
 * One etl at a time per schema: a session-level advisory lock, keyed by the schema name.
 * The server drops it when the holding connection ends, so a killed run never leaves it behind.
 */

/** Lock key space of sparkify, and the schema's 32-bit FNV-1a hash. */
const lockClass = 0x5350_4b59; // "SPKY"
function schemaKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(schema, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}

/** Takes the schema's run lock on `client`, polling until `waitMs` has passed; then names the run that holds it. */
export async function acquirePgRunLock(client: pg.Client, schema: string, where: string, waitMs: number, onWait?: LockWaitListener): Promise<RunLock> {
  const key = [lockClass, schemaKey(schema)];
  const deadline = Date.now() + waitMs;
  let holder: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key);
    if (rows[0]?.ok) {
      return { release: async () => void (await client.query('SELECT pg_advisory_unlock($1, $2)', key).catch(() => undefined)) };
    }
    if (Date.now() >= deadline) {
      holder = await describeHolder(client, schema, key);
      throw new SparkifyError(
        'LOCKED',
        `schema "${schema}" in ${where} is being loaded by ${holder}; waited ${Math.round(waitMs / 1000)}s — try again when it finishes, or raise --lock-wait`,
      );
    }
    if (onWait) {
      holder ??= await describeHolder(client, schema, key);
      onWait(holder, Math.ceil((deadline - Date.now()) / 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * 2 ** attempt, Math.max(0, deadline - Date.now()))));
  }
}

/** The running etl_runs row and the holding backend, as well as can be told. */
async function describeHolder(client: pg.Client, schema: string, key: number[]): Promise<string> {
  const backend = await client
    .query<{ pid: number; addr: string | null; since: string | null }>(
      `SELECT a.pid, host(a.client_addr) AS addr, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.classid = $1::int::oid AND l.objid = $2::int::oid AND l.objsubid = 2 AND l.granted`,
      key,
    )
    .then((r) => r.rows[0])
    .catch(() => undefined);
  const run = await client
    .query<{ run_id: string }>(`SELECT run_id FROM ${qualified(schema, 'etl_runs')} WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`)
    .then((r) => r.rows[0])
    .catch(() => undefined);
  const who = backend ? `server process ${backend.pid}${backend.addr ? ` for ${backend.addr}` : ''}, connected ${backend.since}` : '';
  if (run) return `run ${run.run_id}${who ? ` (${who})` : ''}`;
  return who ? `another connection (${who})` : 'another connection';
}
