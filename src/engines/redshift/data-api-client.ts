import { randomUUID } from 'node:crypto';
import type { ColumnMetadata, DescribeStatementResponse, Field, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { SparkifyError } from '../../errors.js';
import { sleep } from '../../retry.js';
import type { Row } from '../warehouse.js';
import { dataApiError, statementError, type DataApiWhere } from './data-api-errors.js';
import { recordsToRows } from './data-api-results.js';

/** Only `send`: what the engine calls, and what aws-sdk-client-mock stands in for. */
export type DataApiSender = Pick<RedshiftDataClient, 'send'>;

/** Who runs the SQL, on what: a cluster as a database user (IAM), a serverless workgroup (IAM), or either with a Secrets Manager secret. */
export interface DataApiTarget {
  database: string;
  clusterIdentifier?: string;
  dbUser?: string;
  workgroupName?: string;
  secretArn?: string;
}

/** How statements are awaited; tests pass millisecond delays and a fake clock. */
export interface PollOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A statement still running after this is cancelled. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const defaultPoll: PollOptions = { firstDelayMs: 50, maxDelayMs: 2000, timeoutMs: 4 * 3_600_000, sleep, now: Date.now };

/** A finished statement. */
export interface StatementOutcome {
  id: string;
  /** The query id in SYS_* views (SYS_QUERY_HISTORY.query_id). */
  queryId: number | undefined;
  /** Rows returned or affected; undefined when Redshift does not say. */
  resultRows: number | undefined;
  hasResultSet: boolean;
}

const running = new Set(['SUBMITTED', 'PICKED', 'STARTED']);

/** The Data API's limits on a session: SessionKeepAliveSeconds at most 24 h, and no session lives longer. */
export const maxKeepAliveSeconds = 86_400;
export const maxSessionMs = 24 * 3_600_000;
/** A fresh session is opened this long before the limit, so no statement starts in a dying one. */
export const sessionRenewMarginMs = 10 * 60_000;
const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 80);

type Sdk = typeof import('@aws-sdk/client-redshift-data');

/**
 * The Redshift Data API as "run this SQL and wait": submit, poll DescribeStatement through
 * SUBMITTED → PICKED → STARTED → FINISHED (or FAILED / ABORTED), page through results.
 */
export class DataApiClient {
  private sdk: Promise<Sdk> | undefined;

  constructor(
    private readonly sender: DataApiSender,
    readonly target: DataApiTarget,
    readonly where: DataApiWhere,
    private readonly poll: PollOptions = defaultPoll,
  ) {}

  /** The poller's clock (a fake one in tests). */
  now(): number {
    return this.poll.now();
  }

  private commands(): Promise<Sdk> {
    this.sdk ??= import('@aws-sdk/client-redshift-data');
    return this.sdk;
  }

  private async send<T>(command: object): Promise<T> {
    try {
      return (await (this.sender.send as unknown as (c: object) => Promise<T>)(command)) as T;
    } catch (error) {
      throw dataApiError(error, this.where);
    }
  }

  /** The connection parameters of a first call; later calls in a session name only the session. */
  private connection(): Record<string, string | undefined> {
    const t = this.target;
    const all = { Database: t.database, ClusterIdentifier: t.clusterIdentifier, DbUser: t.dbUser, WorkgroupName: t.workgroupName, SecretArn: t.secretArn };
    return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
  }

  /** Submits one statement (or a batch, run as one transaction) and returns its id and session. */
  async submit(sql: string | string[], session: { id?: string; keepAliveSeconds?: number } = {}): Promise<{ id: string; sessionId?: string }> {
    const sdk = await this.commands();
    const where = session.id ? { SessionId: session.id } : { ...this.connection(), SessionKeepAliveSeconds: session.keepAliveSeconds };
    // The token makes the SDK's own retries of this submission idempotent.
    const common = { ...where, ClientToken: randomUUID() };
    const out = await this.send<{ Id?: string; SessionId?: string }>(
      Array.isArray(sql) ? new sdk.BatchExecuteStatementCommand({ ...common, Sqls: sql }) : new sdk.ExecuteStatementCommand({ ...common, Sql: sql }),
    );
    if (!out.Id) throw new SparkifyError('ENGINE', `${this.where.target}: the Data API accepted the statement but returned no id`);
    return { id: out.Id, sessionId: out.SessionId ?? session.id };
  }

  /** Polls until the statement ends; FAILED and ABORTED become one-line errors; one still running after the timeout is cancelled. */
  async wait(id: string, sql: string): Promise<StatementOutcome> {
    const outcome = await this.waitFor(id, sql, this.poll.timeoutMs);
    if (outcome) return outcome;
    await this.cancel(id);
    throw new SparkifyError(
      'ENGINE',
      `${this.where.target}: the statement was still running after ${Math.round(this.poll.timeoutMs / 60_000)} min and was cancelled — in: ${oneLine(sql)}`,
    );
  }

  /** Like `wait`, but gives undefined (and leaves it running) when it has not ended within `timeoutMs`. */
  async waitFor(id: string, sql: string, timeoutMs: number): Promise<StatementOutcome | undefined> {
    const sdk = await this.commands();
    const started = this.poll.now();
    let delay = this.poll.firstDelayMs;
    for (;;) {
      const d = await this.send<DescribeStatementResponse>(new sdk.DescribeStatementCommand({ Id: id }));
      const status = d.Status ?? 'SUBMITTED';
      if (status === 'FINISHED') {
        return { id, queryId: d.RedshiftQueryId, resultRows: d.ResultRows === -1 ? undefined : d.ResultRows, hasResultSet: d.HasResultSet ?? false };
      }
      if (!running.has(status)) throw statementError(status, d.Error ?? d.SubStatements?.find((s) => s.Error)?.Error, sql, this.where);
      const left = timeoutMs - (this.poll.now() - started);
      if (left <= 0) return undefined;
      await this.poll.sleep(Math.min(delay, left));
      delay = Math.min(this.poll.maxDelayMs, delay * 2);
    }
  }

  /** Every row of a finished statement, following NextToken. */
  async rows(id: string): Promise<Row[]> {
    const sdk = await this.commands();
    const rows: Row[] = [];
    let columns: ColumnMetadata[] = [];
    let token: string | undefined;
    do {
      const page = await this.send<{ Records?: Field[][]; ColumnMetadata?: ColumnMetadata[]; NextToken?: string }>(new sdk.GetStatementResultCommand({ Id: id, NextToken: token }));
      if (page.ColumnMetadata?.length) columns = page.ColumnMetadata;
      rows.push(...recordsToRows(columns, page.Records ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return rows;
  }

  /** Best effort: a statement we stopped waiting for should not run on. */
  async cancel(id: string): Promise<void> {
    const sdk = await this.commands();
    await this.send(new sdk.CancelStatementCommand({ Id: id })).catch(() => undefined);
  }
}

/**
 * One database session kept by the Data API across calls (SessionKeepAliveSeconds, then
 * SessionId): BEGIN … COMMIT can span calls, and pg_last_copy_id() sees our COPY.
 * The session runs one statement at a time, so calls are queued here.
 */
export class DataApiSession {
  private id: string | undefined;
  private openedAt = 0;
  /** Inside BEGIN … COMMIT: the session cannot be swapped for a fresh one. */
  private inTransaction = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly keepAliveSeconds: number;

  constructor(
    readonly client: DataApiClient,
    keepAliveSeconds: number,
  ) {
    this.keepAliveSeconds = Math.max(1, Math.min(maxKeepAliveSeconds, Math.round(keepAliveSeconds)));
  }

  get sessionId(): string | undefined {
    return this.id;
  }

  /** Runs one statement (or a batch, as one transaction) in the session and waits for it. */
  execute(sql: string | string[]): Promise<StatementOutcome> {
    return this.queued(async () => {
      const id = await this.submit(sql);
      return this.client.wait(id, Array.isArray(sql) ? sql.join('; ') : sql);
    });
  }

  /** Runs a statement that may wait on others (a LOCK): undefined, and the statement cancelled, when it has not finished within `timeoutMs`. */
  tryExecute(sql: string, timeoutMs: number): Promise<StatementOutcome | undefined> {
    return this.queued(async () => {
      const id = await this.submit(sql);
      const outcome = await this.client.waitFor(id, sql, timeoutMs);
      if (!outcome) await this.client.cancel(id);
      return outcome;
    });
  }

  private async submit(sql: string | string[]): Promise<string> {
    this.renewIfOld();
    const { id, sessionId } = await this.client.submit(sql, { id: this.id, keepAliveSeconds: this.keepAliveSeconds });
    if (!this.id && sessionId) {
      this.id = sessionId;
      this.openedAt = this.client.now();
    }
    const word = Array.isArray(sql) ? '' : (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
    if (word === 'BEGIN' || word === 'START') this.inTransaction = true;
    else if (word === 'COMMIT' || word === 'END' || word === 'ROLLBACK' || word === 'ABORT') this.inTransaction = false;
    return id;
  }

  /**
   * A Data API session ends 24 h after it opened, whatever its keep-alive. Between transactions a
   * fresh one is opened before that; inside one, the step stops with a transient error (its
   * transaction rolls back with the session), so the run can be retried.
   */
  private renewIfOld(): void {
    if (!this.id || this.client.now() - this.openedAt < maxSessionMs - sessionRenewMarginMs) return;
    if (this.inTransaction) {
      throw new SparkifyError(
        'CONNECTION',
        `${this.client.where.target} via the Data API: the session is about to reach the Data API's 24 h limit inside a transaction — the step in progress is rolled back; run again`,
        { transient: true },
      );
    }
    this.id = undefined;
  }

  private queued<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs a query and returns its rows. */
  async query(sql: string): Promise<Row[]> {
    const outcome = await this.execute(sql);
    return outcome.hasResultSet ? this.client.rows(outcome.id) : [];
  }
}
