import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SparkifyError } from '../errors.js';
import type { S3Cache } from './cache.js';
import type { S3Access } from './client.js';
import { isNoSuchKey, isTransientS3Error, toS3Error } from './errors.js';
import { unquoteEtag, type S3Object } from './list.js';
import { s3Url } from './url.js';

/** What a download produced: the copy's ETag and size, or that the object is gone. */
export type Downloaded = { etag: string; size: number } | { gone: true };

const attempts = 3;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Fetches one object into the cache: streamed to a temp file, size-checked, then renamed
 * over the cached copy, so a killed download never leaves a half file under its real name.
 * The ETag recorded is the one GetObject returned, so it always describes the bytes on disk.
 */
export async function downloadObject(access: S3Access, cache: S3Cache, object: S3Object, onBytes: (bytes: number) => void): Promise<Downloaded> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const url = s3Url(cache.bucket, object.key);
  for (let attempt = 1; ; attempt++) {
    const temp = cache.tempPath();
    let received = 0;
    try {
      const response = await access.client.send(new GetObjectCommand({ Bucket: cache.bucket, Key: object.key }));
      if (!(response.Body instanceof Readable)) throw new SparkifyError('SOURCE', `S3 returned no readable body for ${url}`);
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          onBytes(chunk.length);
          done(null, chunk);
        },
      });
      await pipeline(response.Body, count, createWriteStream(temp));
      const expected = response.ContentLength ?? object.size;
      if (received !== expected) {
        throw new SparkifyError('SOURCE', `download of ${url} stopped at ${received} of ${expected} bytes`, { transient: true });
      }
      const target = cache.pathOf(object.key);
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
      return { etag: unquoteEtag(response.ETag) || object.etag, size: received };
    } catch (error) {
      await rm(temp, { force: true });
      onBytes(-received);
      if (isNoSuchKey(error)) return { gone: true };
      if (attempt >= attempts || !isTransientS3Error(error)) throw toS3Error(error, url, access);
      await pause(200 * 2 ** attempt);
    }
  }
}

/**
 * Runs `work` over `items` with at most `limit` in flight. The first failure stops new
 * work from starting; the ones in flight finish, then that failure is thrown.
 */
export async function forEachBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
