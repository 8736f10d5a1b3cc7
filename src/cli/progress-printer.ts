import type { ProgressEvent, ProgressListener } from '../pipeline/progress.js';
import type { CliIO } from './command.js';
import { formatCount } from './format-number.js';

/** Draws progress on one terminal line; silent when stderr is not a terminal or output is JSON. */
export function progressPrinter(io: CliIO, quiet: boolean): ProgressListener | undefined {
  if (quiet || !io.stderr.isTTY) return undefined;
  const started = Date.now();
  let last = 0;
  const draw = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    io.stderr.write(`\r\x1b[2K${((now - started) / 1000).toFixed(1)}s  ${text}`);
  };
  return (event: ProgressEvent) => {
    switch (event.phase) {
      case 'list':
        return draw(`found ${formatCount(event.events)} event files, ${formatCount(event.songs)} song files`, true);
      case 'stage': {
        const width = 24;
        const filled = event.totalFiles === 0 ? width : Math.round((width * event.files) / event.totalFiles);
        return draw(`staging ${event.kind} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${formatCount(event.files)}/${formatCount(event.totalFiles)} files, ${formatCount(event.rows)} rows`);
      }
      case 'transform':
        return draw(`transform: ${event.step}`, true);
      case 'check':
        return draw(`check: ${event.name}`);
      case 'done':
        return io.stderr.write('\r\x1b[2K');
    }
  };
}
