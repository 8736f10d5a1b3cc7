import type { Dialect } from '../../sql/dialects/dialect.js';
import { RedshiftDialect } from '../../sql/dialects/redshift-dialect.js';
import { SparkifyError } from '../../errors.js';
import type { RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import { connectPostgres, type PgSession } from '../postgres/pg-connect.js';
import { PostgresWarehouse } from '../postgres/postgres-warehouse.js';
import type { Row, RunLock, SqlParam, StageContext, StageResult, Warehouse } from '../warehouse.js';
import { acquireRedshiftRunLock, type LockSession } from './redshift-run-lock.js';
import type { RedshiftStager } from './redshift-stage.js';
import { forRedshift } from './sql-text.js';

/** The PostgreSQL engine's one-line errors name PostgreSQL; here the server is Redshift. */
function relabel(error: unknown): unknown {
  if (!(error instanceof SparkifyError) || !error.message.includes('PostgreSQL')) return error;
  return new SparkifyError(error.code, error.message.replaceAll('PostgreSQL', 'Redshift'), { cause: error.cause ?? error, transient: error.transient });
}

/**
 * Redshift over pg-wire: the PostgreSQL engine's client and transactions (real `$1` bind
 * parameters, NULL included — but LIMIT/OFFSET as literals), with Redshift's dialect, COPY staging and run lock.
 */
export class RedshiftPgWarehouse implements Warehouse {
  readonly target = 'redshift' as const;
  readonly loadsFromS3 = true;
  readonly description: string;
  private readonly inner: PostgresWarehouse;

  constructor(
    session: PgSession,
    readonly schema: string,
    private readonly stager: RedshiftStager,
    private readonly connect: () => Promise<PgSession>,
    readonly dialect: Dialect = new RedshiftDialect(),
  ) {
    this.inner = new PostgresWarehouse(session.client, session.endpoint, schema);
    const { host, port, user, database } = session.endpoint;
    this.description = `redshift://${user}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
  }

  async run(sql: string, params?: SqlParam[]): Promise<void> {
    const sent = forRedshift(sql, params);
    await this.inner.run(sent.sql, sent.params).catch((error: unknown) => Promise.reject(relabel(error)));
  }

  async query(sql: string, params?: SqlParam[]): Promise<Row[]> {
    const sent = forRedshift(sql, params);
    return this.inner.query(sent.sql, sent.params).catch((error: unknown) => Promise.reject(relabel(error)));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  stage(kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
    return this.stager.stage(this, kind, files, context);
  }

  /** Rows per staged file, for load_manifest (COPY of many files cannot put the file name on each row). */
  stagedFileCounts(kind: RecordKind): Promise<Row[]> {
    return this.stager.fileCounts(this, kind);
  }

  acquireRunLock(_runId: string, waitMs: number): Promise<RunLock> {
    return acquireRedshiftRunLock(this, () => pgLockSession(this.connect), waitMs);
  }

  close(): Promise<void> {
    this.stager.close();
    return this.inner.close();
  }
}

/** A second connection holding `LOCK run_lock` in an open transaction; statement_timeout bounds the wait. */
async function pgLockSession(connect: () => Promise<PgSession>): Promise<LockSession> {
  const { client } = await connect();
  return {
    async tryLock(sql, waitMs) {
      await client.query('BEGIN');
      await client.query(`SET statement_timeout TO ${Math.max(1, Math.round(waitMs))}`);
      try {
        await client.query(sql);
      } catch (error) {
        // 57014: canceled by statement_timeout (Redshift cancels with its own message).
        const code = (error as { code?: string }).code;
        if (code === '57014' || /statement timeout|cancel/i.test(String((error as Error).message))) return false;
        throw relabel(error);
      }
      await client.query('SET statement_timeout TO 0');
      return true;
    },
    async end() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/** Connects over pg-wire to `url` (TLS verified for Redshift endpoints). */
export async function openRedshiftPg(url: string, schema: string, stager: RedshiftStager, dialect?: Dialect): Promise<RedshiftPgWarehouse> {
  const connect = () => connectPostgres(url).catch((error: unknown) => Promise.reject(relabel(error)));
  return new RedshiftPgWarehouse(await connect(), schema, stager, connect, dialect);
}
