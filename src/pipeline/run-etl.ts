import type { Config } from '../config/config.js';
import type { StageProgress, Warehouse } from '../engines/warehouse.js';
import { SparkifyError, tagRunId } from '../errors.js';
import type { RecordKind } from '../schema/record-fields.js';
import { resolveSource } from '../sources/resolve-source.js';
import { totalSize, type SourceFile, type SourceFiles } from '../sources/source-file.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';
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

export interface EtlOptions {
  onProgress?: ProgressListener;
  /** Already-listed files; by default the config's source is listed. */
  files?: SourceFiles;
  /** Reload every file and rebuild the star schema instead of adding what is new. */
  fullRefresh?: boolean;
}

/** stage → transform → check → publish into existing tables; the star schema changes all at once or not at all. */
export async function runEtl(warehouse: Warehouse, config: Config, options: EtlOptions = {}): Promise<RunSummary> {
  const timer = new PhaseTimer();
  const record = new RunRecord(warehouse, newRunId());
  const onWait = (holder: string, secondsLeft: number) => options.onProgress?.({ phase: 'waiting', holder, secondsLeft });
  const lock = await warehouse.acquireRunLock?.(record.runId, config.lockWaitSeconds * 1000, onWait);
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
  const rejects = new RejectSink(warehouse, record.runId);
  try {
    const warnings: string[] = [...(listed.warnings ?? [])];
    await timer.time('stage', () => stage(warehouse, files, rejects, record.runId, options.onProgress, (w) => warnings.push(w)));
    if (config.maxErrors !== undefined && rejects.total > config.maxErrors) {
      throw new SparkifyError(
        'TOO_MANY_REJECTS',
        `${rejects.total} records rejected (events ${rejects.counts.events}, songs ${rejects.counts.songs}), more than --max-errors ${config.maxErrors}; ` +
          `the warehouse was not changed — \`sparkify rejects --run ${record.runId}\` lists them`,
        { runId: record.runId },
      );
    }
    const summary = await warehouse.transaction(async () => {
      await timer.time('transform', async () => {
        if (options.fullRefresh) await clearWarehouse(warehouse);
        for (const step of transformSteps(warehouse.schema)) {
          options.onProgress?.({ phase: 'transform', step: step.name });
          await warehouse.run(step.sql);
          faultPoint(`after-transform-${step.name}`);
        }
        await recordLoadedFiles(warehouse, files, record.runId);
      });
      const checks = await timer.time('check', () => runChecks(warehouse, options.onProgress));
      const counts = await timer.time('count', () => countTables(warehouse));
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
        ...withWarnings([...warnings, ...allRejected(rejects.counts, counts.tables)]),
      };
      await record.succeed(files.events.length + files.songs.length, rejects.total, JSON.stringify(result));
      faultPoint('before-commit');
      return result;
    });
    faultPoint('after-commit');
    options.onProgress?.({ phase: 'done' });
    return summary;
  } catch (error) {
    await record.fail(error, { files: files.events.length + files.songs.length, rejects: rejects.total });
    throw tagRunId(error, record.runId);
  }
}

async function stage(warehouse: Warehouse, files: SourceFiles, rejects: RejectSink, runId: string, onProgress: ProgressListener | undefined, onWarning: (message: string) => void): Promise<void> {
  const sql = bookkeepingSql(warehouse.schema);
  await warehouse.run(sql.staging.empty('songs'));
  await warehouse.run(sql.staging.empty('events'));
  const context = { runId, onReject: rejects.add, onWarning, onProgress: (p: StageProgress) => onProgress?.({ phase: 'stage', ...p }) };
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

/** A side whose every record was rejected is most likely the wrong folder (song files given as event logs, say). */
function allRejected(rejected: Record<RecordKind, number>, tables: Record<string, number>): string[] {
  const sides = [
    ['events', 'staging_events', 'event', 'log data', 'song files given as event logs'],
    ['songs', 'staging_songs', 'song', 'song data', 'event logs given as song files'],
  ] as const;
  return sides
    .filter(([kind, table]) => rejected[kind] > 0 && tables[table] === 0)
    .map(([kind, , noun, side, likely]) => `every ${noun} record was rejected (${rejected[kind]}) — is the ${side} folder right (${likely}?); \`sparkify rejects\` shows why`);
}

const withWarnings = (warnings: string[]) => (warnings.length ? { warnings } : {});
