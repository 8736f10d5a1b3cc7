import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { isSparkifyError } from '../../src/errors.js';
import { runPipeline } from '../../src/index.js';
import { fetchS3Source, type S3Progress, type S3SourceOptions } from '../../src/sources/s3-source.js';
import { isolateAwsEnv } from '../helpers/aws-env.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { startLocalS3, type LocalS3 } from '../helpers/local-s3.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const acceptance = { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 };
const logKey = 'data/log_data/2018/11/2018-11-30-events.json';
// One more NextSong event, in a session of its own, at a start time of its own.
const extraEvent = JSON.stringify({
  artist: 'Sparkify Test Band',
  auth: 'Logged In',
  firstName: 'Ada',
  gender: 'F',
  itemInSession: 0,
  lastName: 'Lovelace',
  length: 201.5,
  level: 'free',
  location: 'London',
  method: 'PUT',
  page: 'NextSong',
  registration: 1540000000000,
  sessionId: 999999,
  song: 'Extra Song',
  status: 200,
  ts: 1543622400123,
  userAgent: 'test',
  userId: '26',
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe.skipIf(!sampleAvailable())('S3 as a source (local S3 server)', () => {
  let s3: LocalS3;
  let dir: string;
  let restoreEnv: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-s3-'));
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = await startLocalS3(['sparkify']);
    await s3.upload('sparkify', udacitySample, 'data/');
    await s3.upload('sparkify', udacitySample, 'pristine/');
  });
  afterAll(async () => {
    await s3?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (env: Record<string, string> = {}) => ({ SPARKIFY_S3_ENDPOINT: s3.endpoint, SPARKIFY_REGION: 'us-east-1', ...env });
  const run = (env: Record<string, string> = {}) => runPipeline({ source: 's3://sparkify/data', database: join(dir, 'w.duckdb'), cwd: dir, env: settings(env) });
  const fetch = (source: string, env: Record<string, string> = {}, options: S3SourceOptions = {}) => {
    const config = loadConfig({ cwd: dir, env: settings(env), flags: { source } });
    return fetchS3Source(config, `${source}/log_data`, `${source}/song_data`, options);
  };
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSparkifyError(error) && error.code).toBe('SOURCE');
    return (error as Error).message;
  };

  it('loads s3://bucket/prefix into DuckDB with the facts of the real sample, signed with the default chain', async () => {
    s3.requests.length = 0;
    const summary = await run();
    expect(summary.tables).toEqual(acceptance);
    expect(summary.songplays_matched).toBe(1);
    expect(summary.rejects).toEqual({ events: 0, songs: 0 });
    expect(summary.source).toBe('s3://sparkify/data');
    expect(s3.gets()).toHaveLength(101);
    expect(s3.requests.every((r) => r.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=S3RVER/'))).toBe(true);
    expect(existsSync(join(dir, '.sparkify', 'cache', 's3'))).toBe(true);
  });

  it.each(engines)('feeds the %s engine from S3 with the same facts', async (engine) => {
    const target = await engineSettings(engine);
    const summary = await runPipeline({ ...target, source: 's3://sparkify/pristine', env: settings() });
    expect(summary.target).toBe(engine);
    expect(summary.tables).toEqual(acceptance);
    expect(summary.songplays_matched).toBe(1);
  });

  it('downloads nothing on a second run', async () => {
    s3.requests.length = 0;
    const summary = await run();
    expect(s3.gets()).toHaveLength(0);
    expect(summary.tables).toMatchObject({ songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });
  });

  it('fetches a changed object again, and only it', async () => {
    const original = readFileSync(join(udacitySample, 'log_data/2018/11/2018-11-30-events.json'), 'utf8');
    await s3.put('sparkify', logKey, `${original.trimEnd()}\n${extraEvent}\n`);
    s3.requests.length = 0;
    const summary = await run();
    expect(s3.gets().map((r) => r.path)).toEqual([`/sparkify/${logKey}?x-id=GetObject`]);
    expect(summary.tables).toMatchObject({ songplays: 6821, users: 97, time: 6814 });
  });

  it('does not load objects that disappeared, and drops their cached copies', async () => {
    await s3.remove('sparkify', logKey);
    s3.requests.length = 0;
    const files = await fetch('s3://sparkify/data');
    expect(files.events).toHaveLength(29);
    expect(files.events.some((f) => f.path.endsWith('2018-11-30-events.json'))).toBe(false);
    expect(s3.gets()).toHaveLength(0);
    const cached = join(dir, '.sparkify', 'cache', 's3', s3.endpoint.replace('http://', '').replace(':', '_'), 'sparkify', 'objects', ...logKey.split('/'));
    expect(existsSync(cached)).toBe(false);
  });

  it('lists every page, keeps only .json files, and reports progress in files and bytes', async () => {
    await s3.put('sparkify', 'pristine/log_data/notes.txt', 'not data');
    await s3.put('sparkify', 'pristine/log_data_old/2018-10-01-events.json', '{}');
    const reports: S3Progress[] = [];
    const cacheDir = join(dir, 'paged-cache');
    const files = await fetch('s3://sparkify/pristine', { SPARKIFY_CACHE_DIR: cacheDir }, { pageSize: 7, onProgress: (p) => reports.push(p) });
    expect(files.events).toHaveLength(30);
    expect(files.songs).toHaveLength(71);
    expect(files.label).toBe('s3://sparkify/pristine');
    expect(files.events[0]!.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(files.events.every((f) => f.path.startsWith(cacheDir) && readFileSync(f.path).length === f.size)).toBe(true);
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ listed: 101, cached: 0, totalFiles: 101, files: 101 });
    expect(last.bytes).toBe(last.totalBytes);
    expect(last.totalBytes).toBe([...files.events, ...files.songs].reduce((sum, f) => sum + f.size, 0));
    // Nothing half-written is left behind.
    expect(readdirSync(join(cacheDir, 's3', readdirSync(join(cacheDir, 's3'))[0]!, 'sparkify', 'tmp'))).toEqual([]);

    const again: S3Progress[] = [];
    await fetch('s3://sparkify/pristine', { SPARKIFY_CACHE_DIR: cacheDir }, { onProgress: (p) => again.push(p) });
    expect(again.at(-1)).toMatchObject({ listed: 101, cached: 101, totalFiles: 0, files: 0, bytes: 0 });
  });

  it('keeps .json.gz objects compressed under their own name, for the reader to gunzip', async () => {
    const events = readFileSync(join(udacitySample, 'log_data/2018/11/2018-11-01-events.json'));
    await s3.put('sparkify', 'gz/log_data/2018-11-01-events.json.gz', gzipSync(events));
    await s3.put('sparkify', 'gz/song_data/TRAAAAW128F429D538.json', '{"song_id":"S1"}');
    const files = await fetch('s3://sparkify/gz');
    expect(files.events.map((f) => f.path.endsWith('/gz/log_data/2018-11-01-events.json.gz'))).toEqual([true]);
    expect(gunzipSync(readFileSync(files.events[0]!.path)).equals(events)).toBe(true);
  });

  it('sends no Authorization header when SPARKIFY_S3_UNSIGNED=1', async () => {
    s3.requests.length = 0;
    const summary = await runPipeline({
      source: 's3://sparkify/pristine',
      database: join(dir, 'unsigned.duckdb'),
      cwd: dir,
      env: settings({ SPARKIFY_S3_UNSIGNED: '1', SPARKIFY_CACHE_DIR: join(dir, 'unsigned-cache') }),
    });
    expect(summary.tables).toEqual(acceptance);
    expect(s3.gets()).toHaveLength(101);
    expect(s3.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('falls back to unsigned requests when no credentials are found anywhere', async () => {
    const restore = isolateAwsEnv();
    try {
      s3.requests.length = 0;
      const files = await fetch('s3://sparkify/pristine', { SPARKIFY_CACHE_DIR: join(dir, 'anonymous-cache') });
      expect(files.songs).toHaveLength(71);
      expect(s3.requests.length).toBeGreaterThan(0);
      expect(s3.requests.every((r) => r.authorization === undefined)).toBe(true);
    } finally {
      restore();
    }
  });

  it('says in one line when access is denied, and whether the request was signed', async () => {
    s3.deny = () => true;
    try {
      const cache = { SPARKIFY_CACHE_DIR: join(dir, 'denied-cache') };
      expect(await failure(fetch('s3://sparkify/pristine', cache))).toMatch(
        /^access denied to s3:\/\/sparkify\/pristine\/(log|song)_data \(AccessDenied\) for a signed request with the AWS default credential chain — .*SPARKIFY_S3_UNSIGNED=1/,
      );
      expect(await failure(fetch('s3://sparkify/pristine', { ...cache, SPARKIFY_S3_UNSIGNED: 'true' }))).toMatch(
        /access denied to .* for an anonymous, unsigned request \(SPARKIFY_S3_UNSIGNED is set\) — the bucket is not public: configure AWS credentials .* and unset SPARKIFY_S3_UNSIGNED$/,
      );
    } finally {
      s3.deny = undefined;
    }
  });

  it('says when the bucket does not exist, the prefix holds no data, or the endpoint is unreachable', async () => {
    expect(await failure(fetch('s3://no-such-bucket/data'))).toMatch(
      /^bucket of s3:\/\/no-such-bucket\/data\/(log|song)_data does not exist at S3 endpoint http:\/\/127\.0\.0\.1:\d+ — check/,
    );
    expect(await failure(fetch('s3://sparkify/nothing-here'))).toMatch(/^no \.json or \.json\.gz objects under s3:\/\/sparkify\/nothing-here\/(log|song)_data — check the prefix/);
    const port = await closedPort();
    expect(await failure(fetch('s3://sparkify/data', { SPARKIFY_S3_ENDPOINT: `http://127.0.0.1:${port}` }))).toMatch(
      /^cannot reach S3 endpoint http:\/\/127\.0\.0\.1:\d+ for s3:\/\/sparkify\/data\/(log|song)_data \(ECONNREFUSED: .*\) — check --s3-endpoint/,
    );
    expect(await failure(fetch('s3://'))).toMatch(/is not an S3 location — write it as s3:\/\/bucket\/prefix/);
  });
});
