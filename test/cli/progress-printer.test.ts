import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressPrinter } from '../../src/cli/progress-printer.js';

function terminal(isTTY: boolean, columns = 200) {
  const stderr = Object.assign(new PassThrough(), { isTTY, columns });
  let text = '';
  stderr.on('data', (chunk) => (text += chunk));
  return { io: { stdout: new PassThrough(), stderr, cwd: '/', env: {} }, written: () => text };
}

const stage = (files: number, bytes: number) => ({ phase: 'stage' as const, kind: 'events' as const, files, totalFiles: 4, rows: files * 1000, bytes, totalBytes: 40e6 });

describe('the progress line', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('shows files, rows, megabytes and the rate since staging of that kind began', () => {
    const { io, written } = terminal(true);
    const print = progressPrinter(io, false)!;
    print(stage(0, 0));
    vi.setSystemTime(2000);
    print(stage(2, 20e6));
    expect(written()).toContain('staging events [############............] 2/4 files, 2,000 rows, 20.0/40.0 MB, 10.0 MB/s');
  });

  it('is cut to the terminal’s width, so it never wraps', () => {
    const { io, written } = terminal(true, 40);
    const print = progressPrinter(io, false)!;
    print(stage(2, 20e6));
    const lines = written().split('\r\x1b[2K').filter(Boolean);
    expect(lines).toEqual(['0.0s  staging events [############....…']);
    expect([...lines[0]!]).toHaveLength(39);
  });

  it('marks rows DuckDB has not counted yet as an estimate', () => {
    const { io, written } = terminal(true);
    progressPrinter(io, false)!({ ...stage(1, 10e6), rows: 1234, rowsEstimated: true });
    expect(written()).toContain('1/4 files, ~1,234 rows, 10.0/40.0 MB');
  });

  it('counts down while waiting for another run to finish', () => {
    const { io, written } = terminal(true);
    const print = progressPrinter(io, false)!;
    print({ phase: 'waiting', holder: 'run 20181101T000000Z-abc (pid 42 on host, started …)', secondsLeft: 9 });
    vi.setSystemTime(1000);
    print({ phase: 'waiting', holder: 'run 20181101T000000Z-abc (pid 42 on host, started …)', secondsLeft: 8 });
    expect(written()).toBe(
      '\r\x1b[2K0.0s  waiting for run 20181101T000000Z-abc (pid 42 on host, started …) to finish… 9s left (--lock-wait)' +
        '\r\x1b[2K1.0s  waiting for run 20181101T000000Z-abc (pid 42 on host, started …) to finish… 8s left (--lock-wait)',
    );
  });

  it('is silent when stderr is not a terminal or output is JSON', () => {
    expect(progressPrinter(terminal(false).io, false)).toBeUndefined();
    expect(progressPrinter(terminal(true).io, true)).toBeUndefined();
  });
});
