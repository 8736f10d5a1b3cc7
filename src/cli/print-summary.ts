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
    `source ${summary.source} (${formatCount(summary.files.events)} event files, ${formatCount(summary.files.songs)} song files loaded, ${formatCount(summary.files.unchanged)} unchanged)`,
    '',
    textTable(['table', 'rows'], rows),
    '',
    `songplays matched to a catalog song: ${formatCount(summary.songplays_matched)} of ${formatCount(plays)} (${rate})`,
    `rejected records: events ${formatCount(summary.rejects.events)}, songs ${formatCount(summary.rejects.songs)}` +
      (summary.rejects.events + summary.rejects.songs > 0 ? ` — details in load_errors (run ${summary.runId})` : ''),
    `checks: ${summary.checks.length - failed.length} of ${summary.checks.length} passed${proven > 0 ? ` (${proven} hold by construction, not queried)` : ''}`,
    `timings: ${timings}`,
    ...(summary.warnings ?? []).map((w) => `warning: ${w}`),
    '',
  ].join('\n');
}
