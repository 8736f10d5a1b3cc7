import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { binPath, buildPackage } from '../helpers/build.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { stoppedProcess } from '../helpers/stopped-process.js';

beforeAll(buildPackage, 120_000);

const lockMessage = {
  duckdb: /is in use by run \S+ \(pid \d+ on .*, started .*\); waited 1s/,
  postgres: /is being loaded by run \S+ .*; waited 1s/,
};

describe.each(engines)('one etl at a time on %s', (engine) => {
  it('a second process waits a bounded time, then fails naming the run that holds the lock', async () => {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    const src = join(settings.cwd, 'src');
    mkdirSync(join(src, 'log_data'), { recursive: true });
    mkdirSync(join(src, 'song_data'), { recursive: true });
    writeFileSync(join(src, 'log_data', 'a.json'), `${JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1, userId: '1' })}\n`);
    expect(await main(['create-tables', ...where], bufferIO(settings.cwd))).toBe(0);

    // A real second process holds the warehouse: an etl that stops itself (SIGSTOP) right after listing.
    const holder = spawn(process.execPath, [binPath, 'etl', '--source', src, ...where], {
      env: { ...process.env, SPARKIFY_PAUSE_AT: 'after-list' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let holderErr = '';
    holder.stderr.on('data', (d) => (holderErr += String(d)));
    await waitFor(() => holderErr.includes('paused at after-list'));
    await stoppedProcess(holder.pid!);

    // On a terminal, so the progress line shows the wait as it counts down.
    const io = bufferIO(settings.cwd);
    Object.assign(io.stderr, { isTTY: true, columns: 300 });
    const started = Date.now();
    expect(await main(['etl', '--source', src, ...where, '--lock-wait', '1'], io)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(io.err()).toMatch(lockMessage[engine]);
    const drawn = io.err().split('\r\x1b[2K');
    expect(drawn.some((line) => /^\d+\.\ds {2}waiting for run \S+ \(.*\) to finish… 1s left \(--lock-wait\)$/.test(line))).toBe(true);

    holder.kill('SIGCONT');
    const code = await new Promise<number | null>((done) => holder.on('exit', done));
    expect(code).toBe(0);
    const after = bufferIO(settings.cwd);
    expect(await main(['runs', ...where, '--json'], after)).toBe(0);
    expect(JSON.parse(after.out()).map((r: { status: string }) => r.status)).toEqual(['succeeded']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
