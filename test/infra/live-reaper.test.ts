import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.js';

/*
 * The live test's guarantee that `infra down` runs even when the test process is interrupted:
 * checked here offline, with a stand-in process to watch and a teardown that writes a file.
 */

const reaper = join(projectRoot, 'test', 'infra', 'live-reaper.mjs');

function start(doneFile: string, marker: string) {
  const watched = spawn(process.execPath, ['-e', "process.on('SIGINT', () => process.exit(130)); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
  const teardown = [process.execPath, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'down')`];
  const guard = spawn(process.execPath, [reaper, String(watched.pid), doneFile, '--', ...teardown], { stdio: 'ignore', env: { ...process.env, SPARKIFY_REAPER_POLL_MS: '50' } });
  const guardExit = new Promise<number | null>((resolve) => guard.on('exit', (code) => resolve(code)));
  return { watched, guardExit };
}

describe('live test safety net (live-reaper.mjs)', () => {
  it('runs the teardown when the watched process is interrupted with SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-reaper-'));
    const marker = join(dir, 'torn-down');
    const { watched, guardExit } = start(join(dir, 'done'), marker);
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(marker)).toBe(false);
    watched.kill('SIGINT');
    expect(await guardExit).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('down');
  });

  it('does nothing once the test has torn down itself (done file), and exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-reaper-'));
    const marker = join(dir, 'torn-down');
    const done = join(dir, 'done');
    const { watched, guardExit } = start(done, marker);
    writeFileSync(done, '');
    expect(await guardExit).toBe(0);
    watched.kill('SIGKILL');
    expect(existsSync(marker)).toBe(false);
  });
});
