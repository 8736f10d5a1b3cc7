import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { S3Cache } from '../../src/s3/cache.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-s3-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function place(cache: S3Cache, key: string, body: string): void {
  mkdirSync(dirname(cache.pathOf(key)), { recursive: true });
  writeFileSync(cache.pathOf(key), body);
}

describe('the S3 cache index', () => {
  it('remembers ETag and size across runs, and trusts a copy only while it is whole', async () => {
    const root = join(dir, 'a');
    const cache = await S3Cache.open(root, undefined, 'udacity-dend');
    expect(cache.root).toBe(join(root, 's3', 'aws', 'udacity-dend'));
    place(cache, 'log_data/a.json', '{"x":1}\n');
    cache.record('log_data/a.json', { etag: 'e1', size: 8 });
    await cache.save();

    const again = await S3Cache.open(root, undefined, 'udacity-dend');
    expect(await again.has('log_data/a.json', 'e1', 8)).toBe(true);
    expect(await again.has('log_data/a.json', 'e2', 8)).toBe(false);
    expect(await again.has('log_data/b.json', 'e1', 8)).toBe(false);
    writeFileSync(again.pathOf('log_data/a.json'), '{"x"');
    expect(await again.has('log_data/a.json', 'e1', 8)).toBe(false);
    rmSync(again.pathOf('log_data/a.json'));
    expect(await again.has('log_data/a.json', 'e1', 8)).toBe(false);
  });

  it('forgets an object: entry and copy', async () => {
    const cache = await S3Cache.open(join(dir, 'b'), 'http://127.0.0.1:9000', 'bkt');
    place(cache, 'k/a.json', '{}');
    cache.record('k/a.json', { etag: 'e', size: 2 });
    await cache.forget('k/a.json');
    expect(existsSync(cache.pathOf('k/a.json'))).toBe(false);
    expect(cache.keys()).toEqual([]);
  });

  it('starts empty from a damaged index', async () => {
    const cache = await S3Cache.open(join(dir, 'c'), undefined, 'bkt');
    writeFileSync(join(cache.root, 'index.json'), '{"version":1,"bucket":"bkt","objects":{"a.json":');
    expect((await S3Cache.open(join(dir, 'c'), undefined, 'bkt')).keys()).toEqual([]);
  });

  it('sweeps partial downloads left by killed runs, but not fresh ones', async () => {
    const cache = await S3Cache.open(join(dir, 'd'), undefined, 'bkt');
    const stale = cache.tempPath();
    const fresh = cache.tempPath();
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, hoursAgo, hoursAgo);
    await S3Cache.open(join(dir, 'd'), undefined, 'bkt');
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(fresh, 'utf8')).toBe('half');
  });

  it('keeps every key inside its objects folder', async () => {
    const cache = await S3Cache.open(join(dir, 'e'), undefined, 'bkt');
    expect(cache.pathOf('../../../../etc/passwd.json').startsWith(join(cache.root, 'objects'))).toBe(true);
  });
});
