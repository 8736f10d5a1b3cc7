import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { lastRun } from '../../src/dashboard/last-run.js';
import { isSparkifyError } from '../../src/errors.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engineSettings, engines, type EngineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

let dir: string;
let generated: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparkify-checks-'));
  generated = join(dir, 'generated');
  await generateSample({ outDir: generated, events: 3000, songs: 80, seed: 5, days: 4 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const passing = `-- check: plays have a user
SELECT COUNT(*) FROM songplays WHERE user_id IS NULL OR user_id = ''

-- check: every user has a current level span
SELECT COUNT(*) FROM users u
WHERE NOT EXISTS (SELECT 1 FROM user_levels l WHERE l.user_id = u.user_id AND l.is_current AND l.level = u.level)
`;
const failing = `${passing}
-- check: no paid plays
SELECT COUNT(*) FROM songplays WHERE level = 'paid'
`;

async function checksFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const count = (settings: EngineSettings, sql: string) =>
  withWarehouse(configFromSettings(settings), async (w) => Number((await w.query(sql.replaceAll('{s}', `"${w.schema}"`)))[0]?.n));

describe.each(engines)("the user's own checks on %s", (engine) => {
  it.skipIf(!sampleAvailable())('the real sample: passing checks run with the built-in ones and show in the summary, --json, the run record and the dashboard', async () => {
    const settings = await engineSettings(engine);
    const checks = await checksFile(`pass-${engine}.sql`, passing);
    const summary = await runPipeline({ ...settings, source: udacitySample, checks });
    const own = summary.checks.filter((c) => c.origin);
    expect(own).toEqual([
      { name: 'plays have a user', ok: true, violations: 0, origin: `${checks}:1` },
      { name: 'every user has a current level span', ok: true, violations: 0, origin: `${checks}:4` },
    ]);
    expect(summary.checks.length).toBeGreaterThan(own.length);
    const run = await withWarehouse(configFromSettings(settings), lastRun);
    expect(run?.summary?.checks.filter((c) => c.origin)).toEqual(own);

    // The CLI: the text summary names each check, --json carries them.
    await checksFile(`pass-${engine}.sql`, `${passing}\n-- check: no plays after 2018\nSELECT COUNT(*) FROM songplays WHERE start_time >= CAST('2019-01-01' AS TIMESTAMP)\n`);
    const flags = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema, '--source', udacitySample, '--checks', checks];
    const io = bufferIO(dir);
    expect(await main(['etl', ...flags], io)).toBe(0);
    expect(io.out()).toContain('your check plays have a user: ok');
    expect(io.out()).toContain('your check no plays after 2018: ok');
    const jsonIO = bufferIO(dir);
    expect(await main(['etl', ...flags, '--json'], jsonIO)).toBe(0);
    expect(JSON.parse(jsonIO.out()).checks.filter((c: { origin?: string }) => c.origin)).toHaveLength(3);
  });

  it.skipIf(!sampleAvailable())('a failing check fails the run naming it, and leaves the warehouse as it was', async () => {
    const settings = await engineSettings(engine);
    // One source that grows: the first day, then every day (a warehouse keeps to one source).
    const root = join(dir, `growing-${engine}`);
    await cp(join(udacitySample, 'song_data'), join(root, 'song_data'), { recursive: true });
    await cp(join(udacitySample, 'log_data/2018/11/2018-11-01-events.json'), join(root, 'log_data/2018-11-01-events.json'));
    await runPipeline({ ...settings, source: root });
    const before = await count(settings, 'SELECT COUNT(*) AS n FROM {s}.songplays');
    const checks = await checksFile(`fail-${engine}.sql`, failing);
    await cp(join(udacitySample, 'log_data'), join(root, 'log_data'), { recursive: true });
    const error = await runPipeline({ ...settings, source: root, checks }).catch((e: unknown) => e);
    expect(isSparkifyError(error) && error.code).toBe('CHECK_FAILED');
    expect((error as Error).message).toMatch(/"no paid plays" \(.*:8\) found 5591 violating rows/);
    expect(await count(settings, 'SELECT COUNT(*) AS n FROM {s}.songplays')).toBe(before);
    expect(await count(settings, "SELECT COUNT(*) AS n FROM {s}.etl_runs WHERE status = 'failed' AND error LIKE '%no paid plays%'")).toBe(1);
  });

  it('a check that is not one read-only SELECT is refused before the run starts (exit 2)', async () => {
    const settings = await engineSettings(engine);
    const checks = await checksFile(`bad-${engine}.sql`, '-- check: sneaky\nSELECT COUNT(*) FROM users;\nDELETE FROM users\n');
    const io = bufferIO(dir);
    const flags = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema, '--source', generated, '--checks', checks];
    expect(await main(['run', ...flags], io)).toBe(2);
    expect(io.err()).toContain(`check "sneaky" (${checks}:1) is refused: it holds more than one statement`);
    // Nothing ran: no tables were even created.
    const created = await withWarehouse(configFromSettings(settings), (w) =>
      w.query(`SELECT 1 FROM "${w.schema}".etl_runs`).then(
        () => true,
        () => false,
      ),
    );
    expect(created).toBe(false);
  });

  it('generated data, through [LOCAL] CHECKS in dwh.cfg: a check that runs but returns no count fails the run with a clear message', async () => {
    const settings = await engineSettings(engine);
    const ok = await checksFile(`gen-${engine}.sql`, passing);
    await writeFile(join(settings.cwd, 'dwh.cfg'), `[LOCAL]\nCHECKS = ${ok}\n`);
    const summary = await runPipeline({ ...settings, source: generated });
    expect(summary.checks.filter((c) => c.origin).every((c) => c.ok)).toBe(true);
    expect(summary.checks.filter((c) => c.origin)).toHaveLength(2);

    await writeFile(ok, '-- check: not a count\nSELECT user_id FROM users\n');
    await writeFile(
      join(generated, 'log_data', 'extra.json'),
      `${JSON.stringify({ page: 'Home', sessionId: 424242, itemInSession: 0, ts: 1541116106796, userId: '1', level: 'free' })}\n`,
    );
    const error = await runPipeline({ ...settings, source: generated }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/check "not a count" .* must return one row with one whole number/);
    await rm(join(generated, 'log_data', 'extra.json'));
  });
});
