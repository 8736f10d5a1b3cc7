import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { S3Cache } from '../../src/s3/cache.js';
import type { S3Access } from '../../src/s3/client.js';
import { downloadObject, forEachBounded } from '../../src/s3/download.js';

const s3 = mockClient(S3Client);
const dir = mkdtempSync(join(tmpdir(), 'sparkify-s3-download-'));
afterAll(() => {
  s3.restore();
  rmSync(dir, { recursive: true, force: true });
});

const access: S3Access = { client: new S3Client({ region: 'us-west-2' }), signed: false, auth: 'test', where: 'AWS S3 (region us-west-2)', endpoint: undefined };
const object = { key: 'log_data/a.json', size: 10, etag: 'listed' };

/** A body that sends `first` and then breaks, as a dropped connection does. */
function brokenBody(first: string): Readable {
  return new Readable({
    read() {
      this.push(Buffer.from(first));
      this.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    },
  });
}

describe('downloading one object', () => {
  let cache: S3Cache;
  beforeEach(async () => {
    s3.reset();
    cache = await S3Cache.open(mkdtempSync(join(dir, 'c-')), undefined, 'bkt');
  });
  const leftovers = () => readdirSync(join(cache.root, 'tmp'));

  it('writes the copy under its key and records the ETag GetObject returned', async () => {
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([Buffer.from('0123456789')]) as never, ContentLength: 10, ETag: '"fresh"' });
    const bytes: number[] = [];
    expect(await downloadObject(access, cache, object, (n) => bytes.push(n))).toEqual({ etag: 'fresh', size: 10 });
    expect(readFileSync(cache.pathOf(object.key), 'utf8')).toBe('0123456789');
    expect(bytes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(leftovers()).toEqual([]);
  });

  it('retries a dropped connection, and never leaves a half file under the real name', async () => {
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body: brokenBody('01234') as never, ContentLength: 10, ETag: '"e"' })
      .resolves({ Body: Readable.from([Buffer.from('0123456789')]) as never, ContentLength: 10, ETag: '"e"' });
    let total = 0;
    await downloadObject(access, cache, object, (n) => (total += n));
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
    expect(readFileSync(cache.pathOf(object.key), 'utf8')).toBe('0123456789');
    expect(total).toBe(10);
    expect(leftovers()).toEqual([]);
  });

  it('fails after three cut-short bodies, with nothing in place', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from([Buffer.from('01234')]), ContentLength: 10, ETag: '"e"' }));
    await expect(downloadObject(access, cache, object, () => {})).rejects.toThrow('download of s3://bkt/log_data/a.json stopped at 5 of 10 bytes');
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(3);
    expect(existsSync(cache.pathOf(object.key))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('reports an object deleted since the listing as gone', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    expect(await downloadObject(access, cache, object, () => {})).toEqual({ gone: true });
  });
});

describe('bounded parallelism', () => {
  it('never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded([...Array(40).keys()], 16, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running -= 1;
      done.push(n);
    });
    expect(peak).toBe(16);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
  });

  it('starts nothing new after a failure, and throws it', async () => {
    const started: number[] = [];
    const work = forEachBounded([...Array(50).keys()], 4, async (n) => {
      started.push(n);
      await new Promise((r) => setTimeout(r, 1));
      if (n === 2) throw new Error('boom');
    });
    await expect(work).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(10);
  });
});
