import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressPrinter } from '../../src/cli/progress-printer.js';

function terminal(isTTY: boolean) {
  const stderr = Object.assign(new PassThrough(), { isTTY });
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

  it('is silent when stderr is not a terminal or output is JSON', () => {
    expect(progressPrinter(terminal(false).io, false)).toBeUndefined();
    expect(progressPrinter(terminal(true).io, true)).toBeUndefined();
  });
});
