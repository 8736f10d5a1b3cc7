import { SparkifyError } from '../../errors.js';
import type { RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import { RedshiftDialect } from '../../sql/dialects/redshift-dialect.js';
import type { Row, RunLock, SqlParam, StageContext, StageResult, Warehouse } from '../warehouse.js';
import { TransactionScope } from '../transaction.js';
import { DataApiSession, type DataApiClient } from './data-api-client.js';
import { acquireRedshiftRunLock, type LockSession } from './redshift-run-lock.js';
import type { RedshiftStager } from './redshift-stage.js';
import { forRedshift, inlineInChunks, inlineParams } from './sql-text.js';

/** The Data API's limit on one statement's text. */
export const maxSqlBytes = 100_000;
/** BatchExecuteStatement takes at most this many statements. */
const maxBatch = 40;

export interface DataApiWarehouseOptions {
  /** How long Redshift keeps the session after its last statement; a killed run's open transaction is rolled back then. */
  keepAliveSeconds: number;
  /** The lock session's keep-alive, and how often it is pinged while held. */
  lockKeepAliveSeconds: number;
  heartbeatMs: number;
}

export const defaultDataApiOptions: DataApiWarehouseOptions = { keepAliveSeconds: 600, lockKeepAliveSeconds: 120, heartbeatMs: 30_000 };

/**
 * Redshift through the Data API: no driver, no open port, IAM auth. Every statement runs in
 * one Data API session, so `transaction(fn)` is BEGIN … COMMIT across calls, exactly as on
 * a connection. Parameters are inlined as literals (the Data API has no NULL parameter).
 */
export class DataApiWarehouse implements Warehouse {
  readonly target = 'redshift' as const;
  readonly loadsFromS3 = true;
  readonly dialect = new RedshiftDialect();
  readonly description: string;
  private readonly session: DataApiSession;
  private readonly transactions = new TransactionScope((sql) => this.session.execute(sql));

  constructor(
    private readonly client: DataApiClient,
    readonly schema: string,
    private readonly stager: RedshiftStager,
    private readonly options: DataApiWarehouseOptions = defaultDataApiOptions,
  ) {
    this.session = new DataApiSession(client, options.keepAliveSeconds);
    this.description = `${client.where.target} (Data API)`;
  }

  async run(sql: string, params?: SqlParam[]): Promise<void> {
    const sent = forRedshift(sql, params);
    const chunks = inlineInChunks(sent.sql, sent.params, maxSqlBytes);
    if (chunks.length === 1) {
      await this.session.execute(this.checked(chunks[0]!));
    } else if (this.transactions.active || chunks.length > maxBatch) {
      // Inside a transaction the parts join it; outside, they make one of their own.
      await this.transaction(async () => {
        for (const chunk of chunks) await this.session.execute(this.checked(chunk));
      });
    } else {
      // One BatchExecuteStatement: its statements run as one transaction.
      await this.session.execute(chunks.map((c) => this.checked(c)));
    }
  }

  async query(sql: string, params?: SqlParam[]): Promise<Row[]> {
    const sent = forRedshift(sql, params);
    return this.session.query(this.checked(inlineParams(sent.sql, sent.params)));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run(fn);
  }

  stage(kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
    return this.stager.stage(this, kind, files, context);
  }

  /** Rows per staged file, for load_manifest (COPY of many files cannot put the file name on each row). */
  stagedFileCounts(kind: RecordKind): Promise<Row[]> {
    return this.stager.fileCounts(this, kind);
  }

  acquireRunLock(_runId: string, waitMs: number): Promise<RunLock> {
    return acquireRedshiftRunLock(this, async () => this.lockSession(), waitMs);
  }

  /** The Data API session itself ends after its keep-alive: there is no call to close it. */
  async close(): Promise<void> {
    this.stager.close();
  }

  /** A second session that holds the lock; pinged so its keep-alive never lapses while the run goes on. */
  private lockSession(): LockSession {
    const session = new DataApiSession(this.client, this.options.lockKeepAliveSeconds);
    const { heartbeatMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    return {
      async tryLock(sql, waitMs) {
        await session.execute('BEGIN');
        if (!(await session.tryExecute(sql, waitMs))) return false;
        timer = setInterval(() => void session.execute('SELECT 1').catch(() => undefined), heartbeatMs);
        timer.unref();
        return true;
      },
      async end() {
        if (timer) clearInterval(timer);
        await session.execute('ROLLBACK').catch(() => undefined);
      },
    };
  }

  private checked(sql: string): string {
    const bytes = Buffer.byteLength(sql, 'utf8');
    if (bytes > maxSqlBytes) {
      throw new SparkifyError('ENGINE', `a statement of ${Math.ceil(bytes / 1024)} KB is over the Data API's 100 KB limit — use --via pg for this warehouse`);
    }
    return sql;
  }
}
