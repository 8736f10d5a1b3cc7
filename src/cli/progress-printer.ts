import type { ProgressEvent, ProgressListener } from '../pipeline/progress.js';
import type { CliIO } from './command.js';
import { formatCount } from './format-number.js';
import { statusLine } from './status-line.js';

/** Draws progress on one terminal line; silent when stderr is not a terminal or output is JSON. */
export function progressPrinter(io: CliIO, quiet: boolean): ProgressListener | undefined {
  if (quiet || !io.stderr.isTTY) return undefined;
  const started = Date.now();
  const stageStarted = new Map<string, number>();
  const line = statusLine(io.stderr);
  let last = Number.NEGATIVE_INFINITY;
  const draw = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    line.draw(`${((now - started) / 1000).toFixed(1)}s  ${text}`);
  };
  return (event: ProgressEvent) => {
    switch (event.phase) {
      case 'waiting':
        return draw(`waiting for ${event.holder} to finish… ${event.secondsLeft}s left (--lock-wait)`, true);
      case 'download':
        return draw(
          `downloading ${bar(event.files, event.totalFiles)} ${formatCount(event.files)}/${formatCount(event.totalFiles)} files, ${(event.bytes / 1e6).toFixed(1)}/${(event.totalBytes / 1e6).toFixed(1)} MB (${formatCount(event.cached)} cached)`,
        );
      case 'list':
        return draw(`found ${formatCount(event.events)} event files, ${formatCount(event.songs)} song files`, true);
      case 'stage': {
        const since = stageStarted.get(event.kind) ?? stageStarted.set(event.kind, Date.now()).get(event.kind)!;
        const rate = megabytesPerSecond(event.bytes, Date.now() - since);
        const volume = `${(event.bytes / 1e6).toFixed(1)}/${(event.totalBytes / 1e6).toFixed(1)} MB${rate ? `, ${rate}` : ''}`;
        const rows = `${event.rowsEstimated ? '~' : ''}${formatCount(event.rows)} rows`;
        return draw(`staging ${event.kind} ${bar(event.files, event.totalFiles)} ${formatCount(event.files)}/${formatCount(event.totalFiles)} files, ${rows}, ${volume}`);
      }
      case 'transform':
        return draw(`transform: ${event.step}`, true);
      case 'check':
        return draw(`check: ${event.name}`);
      case 'done':
        return line.clear();
    }
  };
}

/** The rate once there is enough to measure it (the first report only starts the clock). */
function megabytesPerSecond(bytes: number, ms: number): string | undefined {
  if (ms < 200 || bytes === 0) return undefined;
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
}

function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.min(width, Math.round((width * done) / total));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
