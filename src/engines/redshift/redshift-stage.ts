import { SparkifyError } from '../../errors.js';
import { isTransientError } from '../../retry.js';
import { stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import { totalSize, type Reject, type SourceFile } from '../../sources/source-file.js';
import { parseS3Url } from '../../s3/url.js';
import { qualified } from '../../sql/quote.js';
import type { Row, SqlParam, StageContext, StageResult } from '../warehouse.js';
import { isCompacted, recordsPerFile, relocateReject } from './compact/compact-job.js';
import { worthCompacting } from './compact/compact-plan.js';
import type { CompactSettings, Compactor } from './compact/compactor.js';
import { warehouseSlices } from './compact/slices.js';
import { planCopies, type CopyJob } from './copy-plan.js';
import { lastCopyIdSql, linesPerFileSql, loadErrorsSql, toReject, type LoadErrorView } from './load-errors.js';
import { checkLowercaseNames, identifierCase } from './identifier-case.js';
import { checkJsonPaths, checkOutsideData } from './jsonpaths-check.js';
import { copySql, jsonPathsJson, manifestJson, type CopyOptions } from '../../sql/dialects/redshift-copy.js';
import { missingRequiredSql } from './required-fields.js';
import type { S3Staging } from './s3-staging.js';

/** The engine as staging uses it: plain SQL on one session (pg_last_copy_id() is per session). */
export interface RedshiftSql {
  readonly schema: string;
  run(sql: string, params?: SqlParam[]): Promise<void>;
  query(sql: string, params?: SqlParam[]): Promise<Row[]>;
}

export interface StageSettings {
  iamRoleArn: string | undefined;
  region: string;
  /** [S3] LOG_JSONPATH. */
  logJsonPath: string | undefined;
  maxErrors: number | undefined;
  stagingPrefix: string | undefined;
  /** Configured s3:// location of each kind. */
  locations: Partial<Record<RecordKind, string>>;
  errorView: LoadErrorView;
  /** --compact-to: many small files are merged into a few gzip files first (compact/). */
  compaction?: CompactSettings;
}

const firstLine = (error: unknown) => ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();

/**
 * Staging on Redshift: COPY from S3 (a prefix, a MANIFEST of exactly the new files, or one
 * file), then what COPY skipped is read back into the run's rejects, the required-field rule
 * is applied, and each single-file COPY's rows get their source_file.
 */
export class RedshiftStager {
  /** Rows per file for files loaded by a multi-file COPY, whose rows cannot carry their file name. */
  private readonly counted = new Map<RecordKind, Map<string, number>>();
  private jsonPathsUrl: string | undefined;
  private s3Staging: S3Staging | undefined;
  private compactor: Compactor | undefined;
  private slices: number | undefined;
  /** The session's enable_case_sensitive_identifier, read once before the first COPY. */
  identifierCase: 'on' | 'off' | undefined;
  private caseRead = false;

  constructor(
    private readonly settings: StageSettings,
    private readonly openS3: () => S3Staging,
    private readonly openCompactor?: () => Compactor,
  ) {}

  /** S3 for listings and manifests, opened on first need. */
  private s3(): S3Staging {
    this.s3Staging ??= this.openS3();
    return this.s3Staging;
  }

  close(): void {
    this.s3Staging?.close();
    this.compactor?.close();
  }

  async stage(sql: RedshiftSql, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
    this.counted.set(kind, new Map());
    if (files.length === 0) return { rows: 0 };
    const outside = files.find((f) => !f.path.startsWith('s3://'));
    if (outside) {
      throw new SparkifyError(
        'CONFIG',
        `Redshift loads with COPY from S3, but ${outside.path} is not an s3:// object — use an s3:// --source (local folders load with --target duckdb or postgres)`,
      );
    }
    const iamRoleArn = this.settings.iamRoleArn;
    if (!iamRoleArn)
      throw new SparkifyError(
        'CONFIG',
        'no IAM role for COPY in dwh.cfg [IAM_ROLE] ARN — run `sparkify infra up` or set it (the role must be attached to the cluster and may read the source)',
      );
    if (!this.caseRead) {
      this.identifierCase = await identifierCase(sql);
      this.caseRead = true;
    }
    if (this.identifierCase === 'on') checkLowercaseNames(kind);
    const options: CopyOptions = {
      schema: sql.schema,
      kind,
      iamRoleArn,
      region: this.settings.region,
      jsonPaths: kind === 'events' ? await this.eventJsonPaths(context.runId) : undefined,
      maxErrors: this.settings.maxErrors,
    };
    const jobs = (await this.compacted(sql, kind, files, context)) ?? planCopies(await this.planInput(kind, files, context.runId), manifestJson);
    let done = 0;
    let rows = 0;
    let bytes = 0;
    const totalBytes = totalSize(files);
    for (const job of jobs) {
      rows += await this.copy(sql, options, job, context);
      done += job.files.length;
      bytes += totalSize(job.files);
      context.onProgress?.({ kind, files: done, totalFiles: files.length, rows, bytes, totalBytes });
    }
    // Fresh rows have no statistics; the transform's planner needs them (as ANALYZE after PostgreSQL's COPY).
    await sql.run(`ANALYZE ${qualified(sql.schema, stagingTableOf(kind))}`);
    const [count] = await sql.query(`SELECT COUNT(*) AS n FROM ${qualified(sql.schema, stagingTableOf(kind))}`);
    return { rows: Number(count?.n ?? rows) };
  }

  /** Rows staged per source file: counted from staging where rows carry it, from Redshift's load history where they cannot. */
  async fileCounts(sql: RedshiftSql, kind: RecordKind): Promise<Row[]> {
    const tagged = await sql.query(`SELECT source_file, COUNT(*) AS n FROM ${qualified(sql.schema, stagingTableOf(kind))} WHERE source_file IS NOT NULL GROUP BY source_file`);
    const counted = [...(this.counted.get(kind) ?? new Map<string, number>())].map(([file, n]) => ({ source_file: file, n }));
    return [...tagged, ...counted];
  }

  private async planInput(kind: RecordKind, files: SourceFile[], runId: string) {
    const url = this.settings.locations[kind];
    const location = url?.startsWith('s3://') ? parseS3Url(url) : undefined;
    // The listing tells whether a COPY of the prefix reads exactly these files, or a file's key is a prefix of another.
    const needListing = location && (files.length > 1 || !this.settings.stagingPrefix);
    const listedKeys = needListing ? await this.s3().listKeys(location.url) : undefined;
    return { kind, files, runId, location, listedKeys, stagingPrefix: this.settings.stagingPrefix };
  }

  /** With --compact-to, and many small files: one COPY of their compacted parts (compact/compact-files.ts). */
  private async compacted(sql: RedshiftSql, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<CopyJob[] | undefined> {
    const settings = this.settings.compaction;
    if (!settings || !this.openCompactor || files.length <= 2) return undefined;
    this.slices ??= await this.sliceCount(sql, settings.configuredSlices, context);
    if (!worthCompacting(files, this.slices)) return undefined;
    this.compactor ??= this.openCompactor();
    const totalBytes = totalSize(files);
    const onProgress = (p: { files: number; bytesIn: number }) => context.onProgress?.({ kind, files: p.files, totalFiles: files.length, rows: 0, bytes: p.bytesIn, totalBytes });
    return [await this.compactor.compact({ kind, files, runId: context.runId, slices: this.slices, onProgress })];
  }

  /**
   * The cluster's own slice count (stv_slices), so parts are a multiple of it whatever the node
   * type (ra3.large is not in AWS's published table). Serverless has no slices and a cluster may
   * refuse the query: then [DWH]'s nodes × the table's slices per node, with a warning.
   */
  private async sliceCount(sql: RedshiftSql, configured: number, context: StageContext): Promise<number> {
    const live = this.settings.errorView === 'stl' ? await warehouseSlices(sql) : undefined;
    if (live) return live;
    const why =
      this.settings.errorView === 'stl'
        ? 'could not read the slice count from the cluster (SELECT COUNT(*) FROM stv_slices gave nothing)'
        : 'Redshift Serverless has no slice count to read';
    context.onWarning?.(`${why} — compacted files are a multiple of ${configured} slices, from [DWH] DWH_NUM_NODES × slices per DWH_NODE_TYPE`);
    return configured;
  }

  /**
   * [S3] LOG_JSONPATH, read and checked first (jsonpaths-check.ts: COPY fails silently on a
   * wrong one); else one written from the record fields next to the manifests.
   */
  private async eventJsonPaths(runId: string): Promise<string> {
    const given = this.settings.logJsonPath;
    if (given) {
      if (this.jsonPathsUrl !== given) {
        checkOutsideData(given, this.settings.locations.events);
        checkJsonPaths('events', given, await this.s3().read(given));
        this.jsonPathsUrl = given;
      }
      return given;
    }
    if (!this.settings.stagingPrefix) {
      throw new SparkifyError(
        'CONFIG',
        'staging_events needs a JSONPaths file (its camelCase keys do not match the column names) — set [S3] LOG_JSONPATH (e.g. s3://udacity-dend/log_json_path.json) or [S3] MANIFEST_PREFIX, where sparkify writes one',
      );
    }
    this.jsonPathsUrl ??= `${this.settings.stagingPrefix.replace(/\/+$/, '')}/${runId}/staging_events.jsonpaths`;
    checkOutsideData(this.jsonPathsUrl, this.settings.locations.events);
    await this.s3().put(this.jsonPathsUrl, jsonPathsJson('events'));
    return this.jsonPathsUrl;
  }

  /** One COPY and its aftermath; returns the rows it kept. */
  private async copy(sql: RedshiftSql, options: CopyOptions, job: CopyJob, context: StageContext): Promise<number> {
    const { kind } = options;
    if (job.manifestBody) await this.s3().put(job.from, job.manifestBody);
    let failure: unknown;
    await sql.run(copySql(options, job)).catch((error: unknown) => (failure = error));
    if (failure && isTransientError(failure)) throw failure;
    const queryId = Number((await sql.query(lastCopyIdSql(this.settings.errorView)).catch(() => []))[0]?.query_id);
    const compaction = isCompacted(job) ? job.compaction : undefined;
    // Errors in compacted parts are told against the source file and line each record came from.
    const relocate = (reject: Reject) => (compaction ? relocateReject(compaction, reject) : reject);
    const skipped = queryId > 0 ? (await sql.query(loadErrorsSql(this.settings.errorView, queryId))).map((r) => relocate(toReject(kind, r, job.from))) : [];
    for (const reject of skipped) context.onReject(reject);
    if (failure) throw this.copyFailure(failure, job, skipped.length, queryId);
    const keep = compaction && this.settings.compaction?.keep;
    if (job.manifest && !keep) await this.s3().remove(job.from);
    if (compaction && !keep) await Promise.all(compaction.parts.map((p) => this.s3().remove(p.url)));

    const table = qualified(sql.schema, stagingTableOf(kind));
    if (compaction) {
      const counts = this.counted.get(kind)!;
      for (const [file, n] of recordsPerFile(compaction)) counts.set(file, n);
      this.uncountRejects(
        kind,
        skipped.map((r) => r.file),
      );
    } else if (job.files.length === 1) {
      await sql.run(`UPDATE ${table} SET source_file = $1 WHERE source_file IS NULL`, [job.files[0]!.path]);
    } else if (queryId > 0) {
      await this.countLines(
        sql,
        kind,
        queryId,
        skipped.map((r) => r.file),
      );
    }
    const required = missingRequiredSql(sql.schema, kind);
    const broken = await sql.query(required.select);
    for (const row of broken) {
      context.onReject({ kind, file: row.source_file === null ? job.from : String(row.source_file), line: null, reason: String(row.reason), raw: null });
    }
    if (broken.length > 0) await sql.run(required.remove);
    const [copied] = await sql.query('SELECT pg_last_copy_count() AS n');
    return Math.max(0, Number(copied?.n ?? 0) - broken.length);
  }

  private async countLines(sql: RedshiftSql, kind: RecordKind, queryId: number, rejectedFiles: string[]): Promise<void> {
    const counts = this.counted.get(kind)!;
    for (const row of await sql.query(linesPerFileSql(this.settings.errorView, queryId))) counts.set(String(row.file), Number(row.n));
    this.uncountRejects(kind, rejectedFiles);
  }

  private uncountRejects(kind: RecordKind, rejectedFiles: string[]): void {
    const counts = this.counted.get(kind)!;
    for (const file of rejectedFiles) if (counts.has(file)) counts.set(file, Math.max(0, counts.get(file)! - 1));
  }

  private copyFailure(error: unknown, job: CopyJob, skipped: number, queryId: number): SparkifyError {
    const message = firstLine(error);
    const view = this.settings.errorView === 'stl' ? `stl_load_errors WHERE query = ${queryId}` : `sys_load_error_detail WHERE query_id = ${queryId}`;
    const hint = /access ?denied|not authorized|assume ?role|S3ServiceException/i.test(message)
      ? ' — the [IAM_ROLE] ARN must be attached to the cluster and allowed s3:GetObject and s3:ListBucket on the source (`sparkify infra up` sets this up)'
      : skipped > 0
        ? ` — ${skipped} load errors were recorded (more than MAXERROR allows); see SELECT * FROM ${view}`
        : '';
    // Failed compacted parts stay for inspection: stl_load_errors names them; the next run writes under its own run id.
    const kept = isCompacted(job) ? ` (the compacted files stay under ${job.from.replace(/\.manifest$/, '/')} for inspection)` : '';
    return new SparkifyError('LOAD', `COPY from ${job.from} failed: ${message}${hint}${kept}`, { cause: error });
  }
}
