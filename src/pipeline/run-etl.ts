import type { Config } from '../config/config.js';
import type { ScratchStaging, StageProgress, Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { stagingTableOf, type RecordKind } from '../schema/record-fields.js';
import { resolveSource } from '../sources/resolve-source.js';
import { totalSize, type SourceFile, type SourceFiles } from '../sources/source-file.js';
import { qualified } from '../sql/quote.js';
import { tableNames } from '../sql/table-names.js';
import { transformSteps } from '../sql/transform.js';
import { countTables } from './count-tables.js';
import { faultPoint } from './fault-point.js';
import { clearWarehouse, pendingFiles, recordLoadedFiles } from './manifest.js';
import type { ProgressListener } from './progress.js';
import { RejectSink } from './reject-sink.js';
import { runChecks } from './run-checks.js';
import { abandonStaleRuns, newRunId, RunRecord } from './run-record.js';
import type { RunSummary } from './summary.js';
import { PhaseTimer } from './timer.js';
import { planTransform } from './transform-plan.js';

export interface EtlOptions {
  onProgress?: ProgressListener;
  /** Already-listed files; by default the config's source is listed. */
  files?: SourceFiles;
  /** Reload every file and rebuild the star schema instead of adding what is new. */
  fullRefresh?: boolean;
  /** Stage into the schema's staging tables, left there after the run, even where the engine keeps staging as scratch (DuckDB). */
  keepStaging?: boolean;
}

/** stage → transform → check → publish into existing tables; the star schema changes all at once or not at all. */
export async function runEtl(warehouse: Warehouse, config: Config, options: EtlOptions = {}): Promise<RunSummary> {
  const timer = new PhaseTimer();
  const record = new RunRecord(warehouse, newRunId());
  const lock = await warehouse.acquireRunLock?.(record.runId, config.lockWaitSeconds * 1000);
  try {
    return await runLocked(warehouse, config, options, timer, record);
  } finally {
    await lock?.release();
  }
}

async function runLocked(warehouse: Warehouse, config: Config, options: EtlOptions, timer: PhaseTimer, record: RunRecord): Promise<RunSummary> {
  const listed = options.files ?? (await timer.time('list', () => resolveSource(config, { listOnly: warehouse.loadsFromS3 === true, onDownload: (p) => options.onProgress?.({ phase: 'download', ...p }) })));
  await abandonStaleRuns(warehouse);
  const files = options.fullRefresh ? listed : await pendingFiles(warehouse, listed);
  const unchanged = listed.events.length + listed.songs.length - files.events.length - files.songs.length;
  options.onProgress?.({ phase: 'list', events: files.events.length, songs: files.songs.length });
  await record.open(listed.label);
  faultPoint('after-list');
  const scratch = options.keepStaging ? undefined : warehouse.scratchStaging;
  const names = tableNames(warehouse.schema, scratch?.name);
  try {
    const rejects = new RejectSink(warehouse, record.runId);
    const warnings: string[] = [];
    await timer.time('stage', () => stage(warehouse, files, rejects, record.runId, scratch, options.onProgress, (w) => warnings.push(w)));
    if (config.maxErrors !== undefined && rejects.total > config.maxErrors) {
      throw new SparkifyError(
        'TOO_MANY_REJECTS',
        `${rejects.total} records rejected (events ${rejects.counts.events}, songs ${rejects.counts.songs}), more than --max-errors ${config.maxErrors}; ` +
          `the warehouse was not changed — see SELECT * FROM load_errors WHERE run_id = '${record.runId}'`,
      );
    }
    const summary = await warehouse.transaction(async () => {
      await timer.time('transform', async () => {
        if (options.fullRefresh) await clearWarehouse(warehouse);
        for (const step of transformSteps(warehouse.schema, await planTransform(warehouse, names))) {
          options.onProgress?.({ phase: 'transform', step: step.name });
          if (step.sql) await warehouse.run(step.sql);
          faultPoint(`after-transform-${step.name}`);
        }
        await recordLoadedFiles(warehouse, files, record.runId, names);
      });
      const checks = await timer.time('check', () => runChecks(warehouse, options.onProgress, names));
      const counts = await timer.time('count', () => countTables(warehouse, names));
      const result: RunSummary = {
        runId: record.runId,
        target: warehouse.target,
        database: warehouse.description,
        source: files.label,
        files: { events: files.events.length, songs: files.songs.length, unchanged },
        tables: counts.tables,
        songplays_matched: counts.matched,
        rejects: { ...rejects.counts },
        checks,
        timings_ms: timer.finish(),
        ...(warnings.length ? { warnings } : {}),
      };
      await record.succeed(files.events.length + files.songs.length, rejects.total, JSON.stringify(result));
      faultPoint('before-commit');
      return result;
    });
    faultPoint('after-commit');
    options.onProgress?.({ phase: 'done' });
    return summary;
  } catch (error) {
    await record.fail(error);
    throw error;
  }
}

async function stage(
  warehouse: Warehouse,
  files: SourceFiles,
  rejects: RejectSink,
  runId: string,
  scratch: ScratchStaging | undefined,
  onProgress: ProgressListener | undefined,
  onWarning: (message: string) => void,
): Promise<void> {
  const names = tableNames(warehouse.schema, scratch?.name);
  if (scratch) await scratch.reset();
  else {
    await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, 'staging_songs')}`);
    await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, 'staging_events')}`);
  }
  const stagingTable = (kind: RecordKind) => names(stagingTableOf(kind));
  const context = { runId, onReject: rejects.add, onWarning, onProgress: (p: StageProgress) => onProgress?.({ phase: 'stage', ...p }), stagingTable };
  // A report at zero first, so progress shows each kind from its start (and its MB/s is true).
  const starting = (kind: RecordKind, list: SourceFile[]) =>
    context.onProgress({ kind, files: 0, totalFiles: list.length, rows: 0, bytes: 0, totalBytes: totalSize(list) });
  starting('songs', files.songs);
  await warehouse.stage('songs', files.songs, context);
  faultPoint('after-stage-songs');
  starting('events', files.events);
  await warehouse.stage('events', files.events, context);
  faultPoint('after-stage-events');
  await rejects.flush();
}
