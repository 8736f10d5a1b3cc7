import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { isSparkifyError } from '../../src/errors.js';
import { openS3 } from '../../src/s3/client.js';
import { fetchS3Source } from '../../src/sources/s3-source.js';
import { isolateAwsEnv } from '../helpers/aws-env.js';

const s3 = mockClient(S3Client);
const dir = mkdtempSync(join(tmpdir(), 'sparkify-s3-client-'));
afterAll(() => {
  s3.restore();
  rmSync(dir, { recursive: true, force: true });
});

const event = '{"page":"NextSong","ts":1541105830796}\n';
const config = (env: Record<string, string> = {}, configFile?: string) =>
  loadConfig({ cwd: dir, env: { SPARKIFY_CACHE_DIR: join(dir, 'cache', String(Math.random())), ...env }, configFile });
const schemesOf = (client: unknown) => (client as S3Client).config.httpAuthSchemes.map((s) => s.schemeId);

/** A bucket of one log file and one song file; records the auth schemes of the client each call came through. */
function fakeBucket(): string[][] {
  const seen: string[][] = [];
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }, getClient) => {
    seen.push(schemesOf(getClient()));
    return { Contents: [{ Key: `${input.Prefix}/a.json`, Size: event.length, ETag: '"e1"' }], IsTruncated: false };
  });
  s3.on(GetObjectCommand).callsFake((_input, getClient) => {
    seen.push(schemesOf(getClient()));
    return { Body: Readable.from([Buffer.from(event)]), ContentLength: event.length, ETag: '"e1"' };
  });
  return seen;
}

describe('S3 client: signed when credentials exist, unsigned when not', () => {
  let restoreEnv: () => void = () => {};
  beforeEach(() => s3.reset());
  afterEach(() => restoreEnv());

  it('uses the unsigned (smithy noAuth) client when the default credential chain finds nothing', async () => {
    restoreEnv = isolateAwsEnv();
    const seen = fakeBucket();
    const files = await fetchS3Source(config(), 's3://udacity-dend/log_data', 's3://udacity-dend/song_data');
    expect(seen).toHaveLength(4);
    expect(seen.every((schemes) => schemes.join() === 'smithy.api#noAuth')).toBe(true);
    expect(files.events.map((f) => f.tag)).toEqual(['e1']);
    expect(readFileSync(files.events[0]!.path, 'utf8')).toBe(event);

    const access = await openS3(config());
    expect(access).toMatchObject({ signed: false, auth: 'no AWS credentials were found', where: 'AWS S3 (region us-west-2)' });
    access.client.destroy();
  });

  it('signs with the default chain when it finds credentials (here: environment keys)', async () => {
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' });
    const seen = fakeBucket();
    await fetchS3Source(config(), 's3://bkt/log_data', 's3://bkt/song_data');
    expect(seen.every((schemes) => schemes.includes('aws.auth#sigv4') && !schemes.includes('smithy.api#noAuth'))).toBe(true);
    const access = await openS3(config());
    expect(access.signed).toBe(true);
    expect((await access.client.config.credentials()).accessKeyId).toBe('AKIDEXAMPLE');
    access.client.destroy();
  });

  it('goes unsigned when SPARKIFY_S3_UNSIGNED=1, even with credentials at hand', async () => {
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' });
    const seen = fakeBucket();
    await fetchS3Source(config({ SPARKIFY_S3_UNSIGNED: '1' }), 's3://bkt/log_data', 's3://bkt/song_data');
    expect(seen.every((schemes) => schemes.join() === 'smithy.api#noAuth')).toBe(true);
  });

  it('signs with [AWS] KEY and SECRET from dwh.cfg, as the seeds write them', async () => {
    restoreEnv = isolateAwsEnv();
    // Not in `dir`, where loadConfig would pick it up for the other tests as ./dwh.cfg.
    const cfg = join(mkdtempSync(join(dir, 'cfg-')), 'dwh.cfg');
    writeFileSync(cfg, "[AWS]\nKEY='AKIDFROMCFG'\nSECRET='secret-from-cfg'\n");
    const access = await openS3(config({}, cfg));
    expect(access.signed).toBe(true);
    expect(access.auth).toBe(`[AWS] KEY in ${cfg}`);
    expect(await access.client.config.credentials()).toMatchObject({ accessKeyId: 'AKIDFROMCFG', secretAccessKey: 'secret-from-cfg' });
    access.client.destroy();
  });

  it('refuses to go anonymous when a named AWS_PROFILE cannot be loaded', async () => {
    restoreEnv = isolateAwsEnv({ AWS_PROFILE: 'missing-profile' });
    const error = await openS3(config()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSparkifyError(error) && error.code).toBe('SOURCE');
    expect((error as Error).message).toMatch(/^AWS_PROFILE=missing-profile is set but its credentials could not be loaded/);
  });

  it('talks to an S3-compatible endpoint with path-style addressing', async () => {
    restoreEnv = isolateAwsEnv();
    const access = await openS3(config({ SPARKIFY_S3_ENDPOINT: 'http://127.0.0.1:9000/' }));
    expect(access.client.config.forcePathStyle).toBe(true);
    expect(access.where).toBe('S3 endpoint http://127.0.0.1:9000');
    access.client.destroy();
    await expect(openS3(config({ SPARKIFY_S3_ENDPOINT: 'localhost:9000' }))).rejects.toThrow(/is not a URL — pass --s3-endpoint/);
  });
});
