// Real AWS, real money: runs only with SPARKIFY_LIVE_AWS=1, against the cluster (or workgroup)
// that dwh.cfg describes — run `sparkify infra up` first. SPARKIFY_LIVE_CWD names the folder of
// that dwh.cfg (default: the project), SPARKIFY_LIVE_SOURCE the S3 source (default udacity-dend).
// The run goes into a schema of its own, dropped at the end.
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { withWarehouse } from '../../../src/engines/with-warehouse.js';
import { projectRoot } from '../../helpers/build.js';
import { bufferIO } from '../../helpers/cli-io.js';

const live = process.env.SPARKIFY_LIVE_AWS === '1';
const cwd = process.env.SPARKIFY_LIVE_CWD ?? projectRoot;
const source = process.env.SPARKIFY_LIVE_SOURCE ?? 's3://udacity-dend';
const schema = `sparkify_live_${Date.now().toString(36)}`;
const hour = 60 * 60_000;

describe.skipIf(!live)('live Redshift: sparkify run --target redshift', () => {
  const run = async () => {
    const io = bufferIO(cwd, process.env);
    const code = await main(['run', '--target', 'redshift', '--schema', schema, '--source', source, '--json'], io);
    expect(code, io.err()).toBe(0);
    return JSON.parse(io.out());
  };

  afterAll(async () => {
    const config = loadConfig({ cwd, env: process.env, flags: { target: 'redshift', schema } });
    await withWarehouse(config, (w) => w.run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch((error: unknown) => {
      console.error(`live test cleanup failed — drop schema ${schema} by hand: ${String(error)}`);
    });
  }, hour);

  it(
    'COPYs from S3, transforms, checks and records the run',
    async () => {
      const summary = await run();
      expect(summary.target).toBe('redshift');
      expect(summary.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
      expect(summary.tables.songplays).toBeGreaterThan(0);
      expect(summary.tables.songs).toBeGreaterThan(0);
      expect(summary.tables.users).toBeGreaterThan(0);
    },
    hour,
  );

  it(
    'a second run finds nothing new and leaves the star schema as it was',
    async () => {
      const summary = await run();
      expect(summary.files.events + summary.files.songs).toBe(0);
      expect(summary.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    },
    hour,
  );
});
