import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { binPath, buildPackage } from '../helpers/build.js';
import { bufferIO } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-lock-'));
beforeAll(buildPackage, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one etl at a time on a DuckDB warehouse', () => {
  it('a second run waits a bounded time, then fails naming the run that holds the lock', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'log_data'), { recursive: true });
    mkdirSync(join(src, 'song_data'), { recursive: true });
    writeFileSync(join(src, 'log_data', 'a.json'), `${JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1, userId: '1' })}\n`);
    const db = join(dir, 'w.duckdb');
    expect(await main(['create-tables', '--database', db], bufferIO(dir))).toBe(0);

    // A real second process holds the warehouse: an etl that stops itself (SIGSTOP) right after listing.
    const holder = spawn(process.execPath, [binPath, 'etl', '--source', src, '--database', db], {
      env: { ...process.env, SPARKIFY_PAUSE_AT: 'after-list' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let holderErr = '';
    holder.stderr.on('data', (d) => (holderErr += String(d)));
    await waitFor(() => holderErr.includes('paused at after-list'));

    const io = bufferIO(dir);
    const started = Date.now();
    expect(await main(['etl', '--source', src, '--database', db, '--lock-wait', '1'], io)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(io.err()).toMatch(/is in use by run \S+ \(pid \d+ on .*, started .*\); waited 1s/);

    holder.kill('SIGCONT');
    const code = await new Promise<number | null>((done) => holder.on('exit', done));
    expect(code).toBe(0);
    const after = bufferIO(dir);
    expect(await main(['runs', '--database', db, '--json'], after)).toBe(0);
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
