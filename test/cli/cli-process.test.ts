import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'bin', 'sparkify.js');
const dir = mkdtempSync(join(tmpdir(), 'sparkify-proc-'));

beforeAll(() => {
  // The binary runs the compiled package, as `npx sparkify` does after `npm install`.
  // tsc emits even when another file has a type error; `npm run typecheck` is where those fail.
  spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'ignore' });
}, 120_000);
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
