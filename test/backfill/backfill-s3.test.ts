import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/index.js';
import { isolateAwsEnv } from '../helpers/aws-env.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { startLocalS3, type LocalS3 } from '../helpers/local-s3.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const decemberKey = 'data/log_data/2018/12/2018-12-01-events.json';
const decemberEvent = JSON.stringify({
  page: 'NextSong',
  auth: 'Logged In',
  sessionId: 777777,
  itemInSession: 0,
  ts: Date.UTC(2018, 11, 1, 9),
  userId: '26',
  level: 'free',
  song: 'x',
  artist: 'y',
  length: 1,
});

describe.skipIf(!sampleAvailable())('backfill windows from S3 (local S3 server)', () => {
  let s3: LocalS3;
  let dir: string;
  let restoreEnv: () => void;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-backfill-s3-'));
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = await startLocalS3(['sparkify']);
    await s3.upload('sparkify', udacitySample, 'data/');
    await s3.put('sparkify', decemberKey, `${decemberEvent}\n`);
  });
  afterAll(async () => {
    await s3?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ SPARKIFY_S3_ENDPOINT: s3.endpoint, SPARKIFY_REGION: 'us-east-1' });
  const listedPrefixes = () => s3.requests.filter((r) => r.method === 'GET' && r.path.includes('list-type=2')).map((r) => new URL(r.path, 'http://x').searchParams.get('prefix'));

  it.each(engines)('%s: lists only the month folders of the window and fetches only its days; a plain run then adds the rest', async (engine) => {
    const settings = await engineSettings(engine);
    s3.requests.length = 0;
    const backfill = await runPipeline({ ...settings, source: 's3://sparkify/data', env: env(), window: { from: '2018-11-05', to: '2018-11-10' } });
    expect(backfill.tables.staging_events).toBe(1396);
    expect(backfill.tables.songplays).toBe(1184);
    expect(
      listedPrefixes()
        .filter((p) => p?.startsWith('data/log_data'))
        .sort(),
    ).toEqual(['data/log_data/2018/11/']);
    expect(backfill.files.events).toBe(6);
    const fetchedLogs = s3.gets().filter((r) => r.path.includes('/log_data/'));
    expect(fetchedLogs).toHaveLength(6);

    s3.requests.length = 0;
    const crossing = await runPipeline({ ...settings, source: 's3://sparkify/data', env: env(), window: { from: '2018-11-30', to: '2018-12-01' } });
    expect(
      listedPrefixes()
        .filter((p) => p?.startsWith('data/log_data'))
        .sort(),
    ).toEqual(['data/log_data/2018/11/', 'data/log_data/2018/12/']);
    expect(crossing.files.events).toBe(2);
    expect(
      s3
        .gets()
        .filter((r) => r.path.includes('/log_data/'))
        .map((r) => r.path.split('/').pop()),
    ).toEqual(expect.arrayContaining(['2018-11-30-events.json?x-id=GetObject', '2018-12-01-events.json?x-id=GetObject']));

    const rest = await runPipeline({ ...settings, source: 's3://sparkify/data', env: env() });
    expect(rest.files.events).toBe(23);
    expect(rest.tables.songplays).toBe(6821);
  });
});
