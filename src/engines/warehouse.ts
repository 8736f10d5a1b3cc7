import type { Target } from '../config/config.js';
import type { RecordKind } from '../schema/record-fields.js';
import type { Reject, SourceFile, SourceFiles } from '../sources/source-file.js';
import type { OnUnknownFields } from '../sources/unknown-fields.js';
import type { Dialect } from '../sql/dialects/dialect.js';
import type { TableDef } from '../schema/table-def.js';

export type SqlParam = string | number | boolean | null;
/** Query rows with plain JS values: numbers, strings, booleans, null; timestamps as ISO strings. */
export type Row = Record<string, string | number | boolean | null>;

export interface StageProgress {
  kind: RecordKind;
  files: number;
  totalFiles: number;
  rows: number;
  /** True while `rows` is an estimate (DuckDB mid-statement: from the bytes read so far). */
  rowsEstimated?: boolean;
  /** Source bytes of the files done, and of all the files. */
  bytes: number;
  totalBytes: number;
}

export interface StageContext {
  runId: string;
  onReject(reject: Reject): void;
  /** Keys in the data that no staging column takes (schema drift), per file; nothing is rejected for them. */
  onUnknownFields?: OnUnknownFields;
  onProgress?(progress: StageProgress): void;
  /** The SQL name of the staging table to fill (default: the schema's); set when staging is scratch. */
  stagingTable?(kind: RecordKind): string;
  /** Whether that table holds the fields no later step reads (the schema's tables do; scratch ones need not). */
  stagesUnreadFields?: boolean;
  /** Something the user should know that does not stop the run (it ends up in RunSummary.warnings). */
  onWarning?(message: string): void;
  /** Aborted when the run is stopped (Ctrl-C): staging gives up at the next file or batch. */
  signal?: AbortSignal;
}

export interface StageResult {
  rows: number;
}

/** A warehouse connection: the one interface every engine implements. */
export interface Warehouse {
  readonly target: Target;
  readonly dialect: Dialect;
  readonly schema: string;
  /** Where it is, safe to print (no password). */
  readonly description: string;
  /** Reads the source files from S3 itself (Redshift COPY): the pipeline lists them and downloads nothing. */
  readonly loadsFromS3?: boolean;
  run(sql: string, params?: SqlParam[]): Promise<void>;
  /** Runs statements without parameters in order, in one round trip where the engine takes several at once. */
  runAll?(statements: string[]): Promise<void>;
  query(sql: string, params?: SqlParam[]): Promise<Row[]>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Bulk-loads files into the staging table of `kind` with the engine's fastest path. */
  stage(kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult>;
  /**
   * Makes this connection the only one running an etl on the warehouse until released;
   * waits up to `waitMs`, then fails naming the run that holds it.
   */
  acquireRunLock?(runId: string, waitMs: number, onWait?: LockWaitListener): Promise<RunLock>;
  /** Inserts many rows at once where the engine has a faster way than parameterised INSERTs. */
  bulkInsert?(table: TableDef, columns: string[], rows: SqlParam[][]): Promise<void>;
  /**
   * Staging kept out of the warehouse's own tables for one run (DuckDB: temporary tables or a
   * scratch file, so the warehouse file is written once); absent where staging is the schema's
   * staging tables.
   */
  scratchStaging?: ScratchStaging;
  /** Rows staged per source file, where staging cannot record the file itself (Redshift bulk COPY). */
  stagedFileCounts?(kind: RecordKind): Promise<Row[]>;
  /** True where an open reader keeps writers out (DuckDB: one writer process or many readers per file): readers should open briefly. */
  readonly readersBlockWriters?: boolean;
  /** Asks the statement in progress to stop (Ctrl-C), where the engine can; it then fails and the transaction rolls back. */
  interrupt?(): void;
  close(): Promise<void>;
}

/** Told while a run waits for another to release the warehouse: who holds it, and how long the wait may still last. */
export type LockWaitListener = (holder: string, secondsLeft: number) => void;

/** How a command opens the warehouse. */
export interface OpenOptions {
  /**
   * Only reads (analyze, runs, report, dashboard): DuckDB opens the file READ_ONLY, so many
   * readers can share it, and never creates it.
   */
  readOnly?: boolean;
  /** How long to wait while another process holds the file for writing; default the config's lock wait. */
  waitSeconds?: number;
  /** Told while waiting for another process's lock. */
  onWait?: LockWaitListener;
}

export interface ScratchStaging {
  /** The SQL name of staging table `name` while the connection lives. */
  name(table: string): string;
  /** False when the scratch tables leave out the fields no later step reads (RecordField.unreadAfterStaging). */
  readonly holdsUnreadFields: boolean;
  /** Empties the schema's staging tables and makes empty scratch ones of the same columns, for the run's files. */
  reset(files: SourceFiles): Promise<void>;
}

export interface RunLock {
  release(): Promise<void>;
}
