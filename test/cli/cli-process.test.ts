import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, buildPackage } from '../helpers/build.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const bin = binPath;
const dir = mkdtempSync(join(tmpdir(), 'sparkify-proc-'));

beforeAll(buildPackage, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sparkify binary as a child process', () => {
  it.skipIf(!sampleAvailable())('runs the pipeline and prints JSON on stdout, nothing on stderr', () => {
    const child = spawnSync(process.execPath, [bin, 'run', '--source', udacitySample, '--database', join(dir, 'p.duckdb'), '--json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).tables.songplays).toBe(6820);
  });

  it('exits non-zero with one line on a user error', () => {
    const child = spawnSync(process.execPath, [bin, 'run', '--source', join(dir, 'missing'), '--database', join(dir, 'q.duckdb')], { cwd: dir, encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stderr.trim().split('\n')).toHaveLength(1);
    expect(child.stderr).toContain('does not exist');
  });
});
