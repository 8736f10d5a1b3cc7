import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Config } from '../../config/config.js';
import { SparkifyError } from '../../errors.js';
import type { RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import { DuckdbDialect } from '../../sql/dialects/duckdb-dialect.js';
import { plainRow } from '../plain-values.js';
import type { OpenOptions, Row, RunLock, SqlParam, StageContext, StageResult, Warehouse } from '../warehouse.js';
import { TransactionScope } from '../transaction.js';
import { blockPoolSize, bytesOf, duckdbMemoryLimit } from './duckdb-memory-limit.js';
import { duckdbScratchStaging, type DuckdbScratchStaging } from './duckdb-scratch-staging.js';
import { newFileStorage } from './duckdb-storage-version.js';
import { describeHolder, writeLockNote } from './duckdb-run-lock.js';
import { stageWithDuckdb } from './duckdb-stage.js';
import { duckdbBulkInsert } from './duckdb-bulk-insert.js';
import type { TableDef } from '../../schema/table-def.js';

/** The embedded default: one DuckDB file, opened in-process. */
export class DuckdbWarehouse implements Warehouse {
  readonly target = 'duckdb' as const;
  readonly readersBlockWriters = true;
  readonly dialect = new DuckdbDialect();
  readonly description: string;
  readonly scratchStaging: DuckdbScratchStaging;
  private readonly transactions = new TransactionScope((sql) => this.run(sql));

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly schema: string,
    private readonly file: string,
    private readonly memoryLimit: string,
  ) {
    this.description = `duckdb ${file}`;
    this.scratchStaging = duckdbScratchStaging(this, file, bytesOf(memoryLimit));
  }

  async run(sql: string, params?: SqlParam[]): Promise<void> {
    await this.withinMemory(() => this.connection.run(sql, params));
  }

  async query(sql: string, params?: SqlParam[]): Promise<Row[]> {
    const reader = await this.withinMemory(() => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS().map(plainRow);
  }

  /** DuckDB's out-of-memory error says to raise its limit in SQL; the user raises it in sparkify's settings. */
  private async withinMemory<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!/^Out of Memory Error/i.test((error as Error).message)) throw error;
      throw new SparkifyError(
        'ENGINE',
        `DuckDB ran out of memory within its limit of ${this.memoryLimit} — raise it with [LOCAL] DUCKDB_MEMORY_LIMIT in dwh.cfg or SPARKIFY_DUCKDB_MEMORY_LIMIT (e.g. 2GB); a run that stops here changes nothing`,
        { cause: error },
      );
    }
  }

  /** query, telling `onFraction` every quarter second how far DuckDB reckons it has got (0 to 1). */
  async queryWithProgress(sql: string, onFraction: (done: number) => void): Promise<Row[]> {
    const timer = setInterval(() => {
      const { percentage } = this.connection.progress;
      if (percentage > 0) onFraction(Math.min(1, percentage / 100));
    }, 250);
    try {
      return await this.query(sql);
    } finally {
      clearInterval(timer);
    }
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run(fn);
  }

  stage(kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
    return stageWithDuckdb(this, kind, files, context);
  }

  bulkInsert(table: TableDef, columns: string[], rows: SqlParam[][]): Promise<void> {
    return duckdbBulkInsert(this, table, columns, rows);
  }

  async acquireRunLock(runId: string): Promise<RunLock> {
    return writeLockNote(this.file, runId);
  }

  interrupt(): void {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    try {
      await this.scratchStaging.discard();
    } finally {
      this.connection.closeSync();
      this.instance.closeSync();
    }
  }
}

/**
 * The DuckDB API, required rather than imported: it is CommonJS, and an ESM import makes Node
 * scan every file it re-exports for export names, 40 ms of each start (90 ms against 50 ms).
 */
function duckdb(): typeof import('@duckdb/node-api') {
  return createRequire(import.meta.url)('@duckdb/node-api');
}

/**
 * Opens the file, waiting while another process holds it. DuckDB allows one read-write
 * process or many read-only ones: readers open READ_ONLY (and never create the file), so
 * they share it with each other and only wait for a writer.
 */
export async function openDuckdbWarehouse(config: Config, options: OpenOptions = {}): Promise<DuckdbWarehouse> {
  const file = config.database;
  const readOnly = options.readOnly === true && file !== ':memory:';
  if (readOnly && !existsSync(file)) {
    // `npm start` loads its generated sample into a file of its own: say so to whoever looks for it here.
    const sample = join(dirname(file), '.sparkify', 'sample.duckdb');
    const hint = existsSync(sample) ? ` (the generated sample of \`npm start\` is in ${sample}: --database ${sample})` : '';
    throw new SparkifyError('ENGINE', `no warehouse at ${file} — run \`sparkify run --source DIR\` first, or point --database at an existing DuckDB file${hint}`);
  }
  if (file !== ':memory:' && !readOnly) mkdirSync(dirname(file), { recursive: true });
  const waitSeconds = options.waitSeconds ?? config.lockWaitSeconds;
  const deadline = Date.now() + waitSeconds * 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      // Rows in no particular order: every query that cares says ORDER BY, and inserts then run
      // on both cores without keeping their input's order (staging 1 M events: 3.5 s instead of 4.5 s).
      const memoryLimit = duckdbMemoryLimit(config.duckdbMemoryLimit);
      const settings: Record<string, string> = { memory_limit: memoryLimit, preserve_insertion_order: 'false', storage_compatibility_version: newFileStorage };
      if (readOnly) settings.access_mode = 'READ_ONLY';
      // No pool ('0B', DuckDB's default) for readers, since it is never given back and the
      // dashboard runs for hours, nor for a limit that is not a size.
      else settings.block_allocator_memory = blockPoolSize(memoryLimit) ?? '0B';
      const instance = await duckdb().DuckDBInstance.create(file, settings);
      const connection = await instance.connect();
      // Tracks how far each statement has got (for the progress line); DuckDB draws nothing itself.
      await connection.run('SET enable_progress_bar = true');
      await connection.run('SET enable_progress_bar_print = false');
      return new DuckdbWarehouse(instance, connection, config.schema, file, memoryLimit);
    } catch (error) {
      const message = (error as Error).message;
      // The memory limit is the one setting here a user gives; DuckDB's message does not name it.
      if (/failed to set config/i.test(message) && config.duckdbMemoryLimit.trim() !== '') {
        throw new SparkifyError(
          'CONFIG',
          `DuckDB did not take the memory limit "${config.duckdbMemoryLimit}" ([LOCAL] DUCKDB_MEMORY_LIMIT or SPARKIFY_DUCKDB_MEMORY_LIMIT) — give a size, such as 2GB or 1536MB`,
          { cause: error },
        );
      }
      if (!/lock/i.test(message)) {
        throw new SparkifyError('CONNECTION', `cannot open DuckDB file ${file}: ${message.split('\n')[0]}`, { cause: error });
      }
      if (Date.now() >= deadline) {
        throw new SparkifyError(
          'LOCKED',
          `DuckDB file ${file} is in use by ${describeHolder(file, message)}; waited ${waitSeconds}s — try again when it finishes, or raise --lock-wait`,
        );
      }
      options.onWait?.(describeHolder(file, message), Math.ceil((deadline - Date.now()) / 1000));
      // Short steps: a reader holds the file for a moment, and a writer should get in at the next gap.
      await new Promise((resolve) => setTimeout(resolve, Math.min(readOnly ? 250 : 200, 25 * 2 ** attempt, Math.max(0, deadline - Date.now()))));
    }
  }
}
