import type { Config } from '../config/config.js';
import type { ScratchStaging, StageProgress, Warehouse } from '../engines/warehouse.js';
import { SparkifyError, tagRunId } from '../errors.js';
import { stagingTableOf, type RecordKind } from '../schema/record-fields.js';
import { resolveSource } from '../sources/resolve-source.js';
import { filesInWindow, parseDateWindow, type DateWindow } from '../sources/date-window.js';
import { totalSize, type SourceFile, type SourceFiles } from '../sources/source-file.js';
import type { OnUnknownFields } from '../sources/unknown-fields.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';
import { tableNames } from '../sql/table-names.js';
import { transformSteps, type TransformOptions } from '../sql/transform.js';
import type { UserCheck } from '../sql/user-checks/parse-checks.js';
import { countTables } from './count-tables.js';
import { faultPoint } from './fault-point.js';
import { clearWarehouse, pendingFiles, recordLoadedFiles } from './manifest.js';
import type { ProgressListener } from './progress.js';
import { DriftSink } from './drift-sink.js';
import { RejectSink } from './reject-sink.js';
import { loadUserChecks } from './load-user-checks.js';
import { StepGuard } from './run-interrupted.js';
import { runChecks } from './run-checks.js';
import { runUserChecks } from './run-user-checks.js';
import { checkSource, recordSource, sourceIdentity, type SourceMode } from './source-guard.js';
import { abandonStaleRuns, newRunId, RunRecord } from './run-record.js';
import type { RunSummary } from './summary.js';
import { PhaseTimer } from './timer.js';
import { trimToWindow } from './trim-to-window.js';
import { planTransform } from './transform-plan.js';

export interface EtlOptions {
  onProgress?: ProgressListener;
  /** Already-listed files; by default the config's source is listed. */
  files?: SourceFiles;
  /** Reload every file and rebuild the star schema instead of adding what is new. */
  fullRefresh?: boolean;
  /** Backfill: load only the events of these days (files by the day in their name, records by ts). */
  window?: DateWindow;
  /** Load a source other than the one the warehouse was loaded from, beside it (otherwise refused). */
  addSource?: boolean;
  /** Aborted (with the signal's name as reason) to stop the run: it rolls back and is recorded as interrupted. */
  signal?: AbortSignal;
  /** Stage into the schema's staging tables, left there after the run, even where the engine keeps staging as scratch (DuckDB). */
  keepStaging?: boolean;
}

/** stage → transform → check → publish into existing tables; the star schema changes all at once or not at all. */
export async function runEtl(warehouse: Warehouse, config: Config, options: EtlOptions = {}): Promise<RunSummary> {
  const timer = new PhaseTimer();
  // Refused before anything runs: a check that is not one read-only SELECT never reaches the warehouse.
  const userChecks = loadUserChecks(config.checks);
  // A library caller's window is checked as the CLI's flags are.
  if (options.window) parseDateWindow(options.window.from, options.window.to);
  if (options.window && options.fullRefresh) {
    throw new SparkifyError('USAGE', 'a backfill window (--from/--to) adds to the warehouse; --full-refresh rebuilds it from every file — use one or the other');
  }
  const record = new RunRecord(warehouse, newRunId());
  const onWait = (holder: string, secondsLeft: number) => options.onProgress?.({ phase: 'waiting', holder, secondsLeft });
  const lock = await warehouse.acquireRunLock?.(record.runId, config.lockWaitSeconds * 1000, onWait);
  try {
    return await runLocked(warehouse, config, { ...options, userChecks }, timer, record);
  } finally {
    await lock?.release();
  }
}

async function runLocked(warehouse: Warehouse, config: Config, options: EtlOptions & { userChecks: UserCheck[] }, timer: PhaseTimer, record: RunRecord): Promise<RunSummary> {
  if (options.fullRefresh && options.addSource) throw new SparkifyError('USAGE', 'choose one of --full-refresh (replace the warehouse) and --add-source (add to it)');
  const sourceMode: SourceMode = options.fullRefresh ? 'replace' : options.addSource ? 'add' : 'same';
  const identity = sourceIdentity(config, options.files?.label ?? '');
  await checkSource(warehouse, identity, sourceMode);
  const all =
    options.files ??
    (await timer.time('list', () =>
      resolveSource(config, { listOnly: warehouse.loadsFromS3 === true, window: options.window, onDownload: (p) => options.onProgress?.({ phase: 'download', ...p }) }),
    ));
  const listed = options.window ? filesInWindow(all, options.window) : all;
  await abandonStaleRuns(warehouse);
  const files = options.fullRefresh ? listed : await pendingFiles(warehouse, listed);
  const unchanged = listed.events.length + listed.songs.length - files.events.length - files.songs.length;
  options.onProgress?.({ phase: 'list', events: files.events.length, songs: files.songs.length });
  await record.open(listed.label);
  const guard = new StepGuard(warehouse, record.runId, options.signal);
  const rejects = new RejectSink(warehouse, record.runId);
  const scratch = options.keepStaging ? undefined : warehouse.scratchStaging;
  const names = tableNames(warehouse.schema, scratch?.name);
  try {
    guard.reach('after-list', 'stage (songs)');
    const warnings: string[] = [...(listed.warnings ?? [])];
    const drift = new DriftSink(files);
    await timer.time('stage', () => stage(warehouse, files, rejects, guard, scratch, options.onProgress, (w) => warnings.push(w), drift.add));
    const driftEntries = await drift.result();
    const windowed = options.window ? await trimToWindow(warehouse, files, options.window, names) : undefined;
    if (config.maxErrors !== undefined && rejects.total > config.maxErrors) {
      throw new SparkifyError(
        'TOO_MANY_REJECTS',
        `${rejects.total} records rejected (events ${rejects.counts.events}, songs ${rejects.counts.songs}), more than --max-errors ${config.maxErrors}; ` +
          `the warehouse was not changed — \`sparkify rejects --run ${record.runId}\` lists them`,
        { runId: record.runId },
      );
    }
    let plan: TransformOptions | undefined;
    const summary = await warehouse.transaction(async () => {
      await timer.time('transform', async () => {
        if (options.fullRefresh) await clearWarehouse(warehouse);
        plan = await planTransform(warehouse, names);
        for (const step of transformSteps(warehouse.schema, plan)) {
          options.onProgress?.({ phase: 'transform', step: step.name });
          guard.step = `transform (${step.name})`;
          if (step.sql) await warehouse.run(step.sql);
          guard.reach(`after-transform-${step.name}`);
        }
        guard.step = 'check';
        await recordLoadedFiles(warehouse, windowed?.complete ?? files, record.runId, names);
        await recordSource(warehouse, identity, sourceMode, record.runId);
        await DriftSink.write(warehouse, record.runId, driftEntries);
      });
      const checks = await timer.time('check', async () => [
        ...(await runChecks(warehouse, options.onProgress, names, { firstLoad: plan?.firstLoad })),
        ...(await runUserChecks(warehouse, options.userChecks, options.onProgress)),
      ]);
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
        drift: driftEntries,
        ...(windowed ? { window: windowed.outcome } : {}),
        timings_ms: timer.finish(),
        ...withWarnings([...warnings, ...allRejected(rejects.counts, counts.tables)]),
      };
      await record.succeed(files.events.length + files.songs.length, rejects.total, JSON.stringify(result));
      guard.reach('before-commit', 'commit');
      return result;
    });
    faultPoint('after-commit');
    options.onProgress?.({ phase: 'done' });
    return summary;
  } catch (error) {
    const stopped = guard.interrupted();
    if (!stopped) {
      await record.fail(error, { files: files.events.length + files.songs.length, rejects: rejects.total });
      throw tagRunId(error, record.runId);
    }
    await record.interrupt(stopped);
    throw stopped;
  } finally {
    guard.dispose();
  }
}

async function stage(
  warehouse: Warehouse,
  files: SourceFiles,
  rejects: RejectSink,
  guard: StepGuard,
  scratch: ScratchStaging | undefined,
  onProgress: ProgressListener | undefined,
  onWarning: (message: string) => void,
  onUnknownFields?: OnUnknownFields,
): Promise<void> {
  const names = tableNames(warehouse.schema, scratch?.name);
  if (scratch) await scratch.reset(files);
  else {
    const sql = bookkeepingSql(warehouse.schema);
    await warehouse.run(sql.staging.empty('songs'));
    await warehouse.run(sql.staging.empty('events'));
  }
  const context = {
    runId: guard.runId,
    signal: guard.signal,
    onReject: rejects.add,
    onWarning,
    onUnknownFields,
    onProgress: (p: StageProgress) => onProgress?.({ phase: 'stage', ...p }),
    stagingTable: (kind: RecordKind) => names(stagingTableOf(kind)),
    stagesUnreadFields: scratch?.holdsUnreadFields ?? true,
  };
  // A report at zero first, so progress shows each kind from its start (and its MB/s is true).
  const starting = (kind: RecordKind, list: SourceFile[]) => context.onProgress({ kind, files: 0, totalFiles: list.length, rows: 0, bytes: 0, totalBytes: totalSize(list) });
  starting('songs', files.songs);
  await warehouse.stage('songs', files.songs, context);
  guard.reach('after-stage-songs', 'stage (events)');
  starting('events', files.events);
  await warehouse.stage('events', files.events, context);
  guard.reach('after-stage-events', 'transform');
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
