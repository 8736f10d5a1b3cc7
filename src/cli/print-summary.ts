import type { RunSummary } from '../pipeline/summary.js';
import { formatCount, formatMs } from './format-number.js';
import { textTable } from './text-table.js';

/** The human summary: counts table, match rate, rejects, checks and timings. */
export function formatSummary(summary: RunSummary): string {
  const rows = Object.entries(summary.tables).map(([table, n]) => [table, n] as [string, number]);
  const plays = summary.tables.songplays ?? 0;
  const rate = plays === 0 ? '0%' : `${((100 * summary.songplays_matched) / plays).toFixed(2)}%`;
  const failed = summary.checks.filter((c) => !c.ok);
  const proven = summary.checks.filter((c) => c.provenBy).length;
  const timings = Object.entries(summary.timings_ms)
    .map(([phase, ms]) => `${phase} ${formatMs(ms)}`)
    .join(', ');
  return [
    `warehouse ${summary.database}`,
    ...(summary.window ? [windowLine(summary.window)] : []),
    `source ${summary.source} (${formatCount(summary.files.events)} event files, ${formatCount(summary.files.songs)} song files loaded, ${formatCount(summary.files.unchanged)} unchanged)`,
    '',
    textTable(['table', 'rows'], rows),
    '',
    `songplays matched to a catalog song: ${formatCount(summary.songplays_matched)} of ${formatCount(plays)} (${rate})`,
    `rejected records: events ${formatCount(summary.rejects.events)}, songs ${formatCount(summary.rejects.songs)}` +
      (summary.rejects.events + summary.rejects.songs > 0 ? ` — \`sparkify rejects --run ${summary.runId}\` lists them` : ''),
    ...(summary.drift ?? []).map(driftLine),
    `checks: ${summary.checks.length - failed.length} of ${summary.checks.length} passed${proven > 0 ? ` (${proven} hold by construction, not queried)` : ''}`,
    ...userCheckLines(summary),
    `timings: ${timings}`,
    ...(summary.warnings ?? []).map((w) => `warning: ${w}`),
    '',
  ].join('\n');
}

/** One line per check of the user's own checks file, so each shows by name. */
function userCheckLines(summary: RunSummary): string[] {
  return summary.checks.filter((c) => c.origin !== undefined).map((c) => `  your check ${c.name}: ${c.ok ? 'ok' : `${formatCount(c.violations)} violating rows`} (${c.origin})`);
}

function windowLine(window: NonNullable<RunSummary['window']>): string {
  const left =
    window.outside === 0
      ? 'no staged event lay outside it'
      : `${formatCount(window.outside)} staged events outside it were left for a later run (${formatCount(window.partialFiles)} files stay unmarked)`;
  return `backfill window ${window.from} to ${window.to}: ${left}`;
}

/** Schema drift, one line a field: `new field \`sessionLength\` in 8,056 events, first at …`. */
export function driftLine(entry: NonNullable<RunSummary['drift']>[number]): string {
  const at = entry.firstLine === null ? entry.firstFile : `${entry.firstFile}:${entry.firstLine}`;
  const what = entry.kind === 'events' ? 'events' : 'song records';
  return `new field \`${entry.field}\` in ${formatCount(entry.records)} ${what}, first at ${at} (not loaded; nothing rejected)`;
}
