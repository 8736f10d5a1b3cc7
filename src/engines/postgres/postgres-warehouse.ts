import type pg from 'pg';
import type { Config } from '../../config/config.js';
import { stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import { PostgresDialect } from '../../sql/dialects/postgres-dialect.js';
import { qualified, quoteIdent } from '../../sql/quote.js';
import { plainRow } from '../plain-values.js';
import type { LockWaitListener, OpenOptions, Row, RunLock, SqlParam, StageContext, StageResult, Warehouse } from '../warehouse.js';
import { TransactionScope } from '../transaction.js';
import { connectPostgres } from './pg-connect.js';
import { connectionLostError, isConnectionLost, type Endpoint } from './pg-errors.js';
import { acquirePgRunLock } from './pg-run-lock.js';
import { stageWithCopy } from './postgres-stage.js';

/**
 * The staging columns the transform filters, joins and partitions on: only their statistics
 * steer its plans, and analysing just these takes half as long (0.25 s against 0.44 s per 1M events).
 */
const plannedColumns: Record<RecordKind, string[]> = {
  events: ['page', 'session_id', 'item_in_session', 'user_id', 'ts', 'song', 'artist', 'length'],
  songs: ['song_id', 'artist_id', 'title', 'artist_name', 'duration'],
};

/**
 * Below this many staged rows only `page` is analysed: PostgreSQL sizes an unanalysed table by
 * its pages well enough, but guesses 0.5 % of the rows for `page = 'NextSong'` and joins the
 * plays to the catalog by nested loop (the real sample: 45 ms instead of 3 ms). Analysing that
 * one column costs 7 ms; all eight cost 19 ms.
 */
const analyzeFromRows = 50_000;
const smallInputColumns: Record<RecordKind, string[]> = { events: ['page'], songs: [] };

/**
 * Staging's statistics come from 3,000 sampled rows (target 10) instead of PostgreSQL's
 * 30,000: the transform's plans need row counts, the common pages and rough distinct counts,
 * which the smaller sample gives as well. 1 M events: ANALYZE 18 ms instead of 168 ms, the
 * transform's times unchanged (BENCHMARKS.md).
 */
const stagingStatisticsTarget = 10;

/**
 * A PostgreSQL warehouse on one client: every call, staging and the transaction go
 * through the same connection, so `transaction(fn)` holds everything `fn` runs.
 */
export class PostgresWarehouse implements Warehouse {
  readonly target = 'postgres' as const;
  readonly dialect = new PostgresDialect();
  readonly description: string;
  private readonly transactions = new TransactionScope((sql) => this.run(sql));

  constructor(
    private readonly client: pg.Client,
    private readonly endpoint: Endpoint,
    readonly schema: string,
  ) {
    const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
    this.description = `postgres://${endpoint.user}@${host}:${endpoint.port}/${endpoint.database}`;
  }

  async run(sql: string, params?: SqlParam[]): Promise<void> {
    await this.call(() => this.client.query(sql, params));
  }

  /** PostgreSQL's simple query protocol takes several statements in one message: one round trip, not one each. */
  async runAll(statements: string[]): Promise<void> {
    await this.run(statements.join(';\n'));
  }

  async query(sql: string, params?: SqlParam[]): Promise<Row[]> {
    const result: pg.QueryResult | pg.QueryResult[] = await this.call(() => this.client.query(sql, params));
    // Several statements in one text give one result each; the last one's rows are the answer.
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last?.rows ?? []).map(plainRow);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run(fn);
  }

  async stage(kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
    const result = await this.call(() => stageWithCopy(this.client, this.schema, kind, files, context));
    // Freshly copied rows have no statistics: without them the planner guesses one row and
    // picks nested loops that make the songplays step quadratic (28 s instead of 0.6 s on 30k events).
    const columns = (result.rows < analyzeFromRows ? smallInputColumns[kind] : plannedColumns[kind]).map(quoteIdent).join(', ');
    if (!columns) return result;
    await this.runAll([
      `SET default_statistics_target = ${stagingStatisticsTarget}`,
      `ANALYZE ${qualified(this.schema, stagingTableOf(kind))} (${columns})`,
      'RESET default_statistics_target',
    ]);
    return result;
  }

  acquireRunLock(_runId: string, waitMs: number, onWait?: LockWaitListener): Promise<RunLock> {
    return this.call(() => acquirePgRunLock(this.client, this.schema, this.description, waitMs, onWait));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  /** Runs a driver call; a lost connection becomes one clear CONNECTION error, SQL errors pass as they are. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw isConnectionLost(error) ? connectionLostError(error, this.endpoint) : error;
    }
  }
}

/**
 * Connects to the PostgreSQL database the config names (`--database` URL, SPARKIFY_DATABASE_URL or
 * [POSTGRES]); a reader's session is read-only, so a slip in a query cannot change the warehouse.
 */
export async function openPostgresWarehouse(config: Config, options: OpenOptions = {}): Promise<PostgresWarehouse> {
  const { client, endpoint } = await connectPostgres(config.database);
  const warehouse = new PostgresWarehouse(client, endpoint, config.schema);
  if (options.readOnly) await warehouse.run('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
  return warehouse;
}
