// Real AWS, real money: runs only with SPARKIFY_LIVE_AWS=1 and credentials in the default chain.
// Creates a single-node ra3.large cluster — a type AWS sells today; SPARKIFY_LIVE_NODE_TYPE to change it; or, with
// SPARKIFY_LIVE_SERVERLESS=1, a serverless workgroup — under a unique name, checks `infra status`, runs the pipeline
// and every analysis on it, and always tears it down: in afterAll, and, should the test process end any other way
// (a crash, Ctrl-C / SIGINT, a kill), from live-reaper.mjs, a detached process that runs `sparkify infra down`.
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { binPath, buildPackage, projectRoot } from '../helpers/build.js';
import { bufferIO } from '../helpers/cli-io.js';
import { project, runInfra } from './setup.js';

const live = process.env.SPARKIFY_LIVE_AWS === '1';
const serverless = process.env.SPARKIFY_LIVE_SERVERLESS === '1';
const name = `sparkify-live-${Date.now().toString(36)}`;
const region = process.env.SPARKIFY_REGION ?? process.env.AWS_REGION ?? 'us-west-2';
const config = `# live test — deleted by the test
[AWS]
REGION=${region}

[DWH]
DWH_CLUSTER_TYPE=single-node
DWH_NUM_NODES=1
DWH_NODE_TYPE=${process.env.SPARKIFY_LIVE_NODE_TYPE ?? 'ra3.large'}
DWH_CLUSTER_IDENTIFIER=${name}
DWH_DB=sparkify
DWH_DB_USER=sparkify_admin
DWH_PORT=5439
DWH_IAM_ROLE_NAME=${name}-s3-read

[S3]
LOG_DATA=s3://udacity-dend/log_data
LOG_JSONPATH=s3://udacity-dend/log_json_path.json
# A slice of song_data: all of it (~385,000 files) takes COPY 40+ minutes.
SONG_DATA=s3://udacity-dend/song_data/A/A/A
`;
// The real command: real clients, real waits (10–30 s polls), real address discovery.
const realDeps = { wait: { minDelayMs: 10_000, maxDelayMs: 30_000, timeoutMs: 45 * 60_000 }, publicIp: undefined };
const hour = 60 * 60_000;

describe.skipIf(!live)('live AWS: infra up → status → run → down', () => {
  let dir = '';
  let file = '';
  const env = { ...process.env };
  beforeAll(() => {
    ({ dir, file } = project(config));
    // The safety net first, before anything can be created: the binary it runs is built from this source.
    buildPackage();
    const log = openSync(join(dir, 'reaper.log'), 'a');
    const reaper = join(projectRoot, 'test', 'infra', 'live-reaper.mjs');
    spawn(process.execPath, [reaper, String(process.pid), join(dir, 'torn-down'), '--', process.execPath, binPath, 'infra', 'down', '--config', file], {
      detached: true,
      stdio: ['ignore', log, log],
      env,
    }).unref();
  });

  afterAll(async () => {
    // Whatever happened above, leave nothing running (and billing).
    if (!dir) return;
    const down = await runInfra(['down'], dir, realDeps, env);
    if (down.code === 0) writeFileSync(join(dir, 'torn-down'), new Date().toISOString());
    else console.error(`live test cleanup failed — the reaper retries once this process ends (log: ${join(dir, 'reaper.log')}); else delete ${name} by hand:\n${down.stderr}`);
  }, hour);

  it(
    'up checks the node type can be ordered, prints the hourly cost, creates the warehouse and writes its endpoint into dwh.cfg',
    async () => {
      const up = await runInfra(serverless ? ['up', '--serverless', '--yes'] : ['up', '--yes'], dir, realDeps, env);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stderr).toMatch(/about to create .* — cost: ≈ \$[\d.]+/);
      expect(up.stdout).toContain(`ready: ${serverless ? 'Redshift Serverless workgroup' : 'Redshift cluster'} ${name}`);
      expect(readFileSync(file, 'utf8')).toMatch(/^HOST=\S+\.redshift(-serverless)?\.amazonaws\.com$/m);
    },
    hour,
  );

  it(
    'status shows it available with the role',
    async () => {
      const status = await runInfra(['status', '--json'], dir, realDeps, env);
      expect(status.code, status.stderr).toBe(0);
      const report = JSON.parse(status.stdout);
      if (serverless) expect(report.workgroup.state).toBe('AVAILABLE');
      else expect(report.cluster).toMatchObject({ state: 'available', encrypted: true, publiclyAccessible: false });
      expect(report.role.arn).toContain(`:role/${name}-s3-read`);
    },
    hour,
  );

  it(
    'run loads the Udacity data into it through the Data API and prints the summary',
    async () => {
      const io = bufferIO(dir, env);
      const flags = [
        '--target',
        'redshift',
        '--via',
        'data-api',
        '--config',
        file,
        '--log-data',
        's3://udacity-dend/log_data',
        '--song-data',
        's3://udacity-dend/song_data/A/A/A',
        '--json',
      ];
      expect(await main(['run', ...flags], io), io.err()).toBe(0);
      const summary = JSON.parse(io.out());
      expect(summary.tables.staging_events).toBe(8056);
      expect(summary.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    },
    hour,
  );

  it(
    'analyze runs every named analysis on it (LIMIT as literals) and gets rows',
    async () => {
      const io = bufferIO(dir, env);
      const flags = ['--target', 'redshift', '--via', 'data-api', '--config', file, '--json'];
      expect(await main(['analyze', 'all', ...flags], io), io.err()).toBe(0);
      const results = JSON.parse(io.out()) as { name: string; rows: Record<string, unknown>[] }[];
      const byName = new Map(results.map((r) => [r.name, r.rows]));
      expect(byName.get('plays-by-hour')).toHaveLength(24);
      expect(byName.get('top-songs')!.length).toBeGreaterThan(0);
      expect(byName.get('top-songs')!.length).toBeLessThanOrEqual(10);
    },
    hour,
  );

  it(
    'down deletes everything; a second down finds nothing',
    async () => {
      const down = await runInfra(['down'], dir, realDeps, env);
      expect(down.code, down.stderr).toBe(0);
      expect(down.stdout).toContain(`deleted IAM role ${name}-s3-read`);
      const again = await runInfra(['down'], dir, realDeps, env);
      expect(again.stdout).toContain('nothing to delete');
    },
    hour,
  );
});
