import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cachedObjectUrl, S3Cache } from '../../src/s3/cache.js';
import { isolateAwsEnv } from '../helpers/aws-env.js';
import { bufferIO } from '../helpers/cli-io.js';
import { startLocalS3, type LocalS3 } from '../helpers/local-s3.js';

describe('rejects of an S3 source name the object, not its cached copy', () => {
  it('maps a cached copy’s path back to s3://bucket/key, escaped segments included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-cache-'));
    try {
      const cache = await S3Cache.open(dir, 'http://127.0.0.1:9000', 'udacity-dend');
      for (const key of ['log_data/2018/11/2018-11-01-events.json', 'odd/../100%/./x.json', 'a//b.json']) {
        expect(cachedObjectUrl(cache.pathOf(key))).toBe(`s3://udacity-dend/${key}`);
      }
      expect(cachedObjectUrl('/home/me/data/log_data/a.json')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('through the CLI, on a local S3 server', () => {
    let s3: LocalS3;
    let dir: string;
    let restoreEnv: () => void;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sparkify-s3-rejects-'));
      restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
      s3 = await startLocalS3(['sparkify']);
      await s3.put('sparkify', 'src/log_data/2018/11/day.json', '{"ts": 1541990258796, "sessionId": 1, "itemInSession": 0, "page": "NextSong", "userId": "7"}\nnot json\n');
      await s3.put('sparkify', 'src/song_data/A/song.json', '{"song_id": "S1", "artist_id": "A1", "title": "T", "artist_name": "N", "duration": 1.5, "year": 0, "num_songs": 1}');
    });
    afterAll(async () => {
      await s3?.close();
      restoreEnv?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('rejects lists s3://sparkify/src/log_data/2018/11/day.json, line 2', async () => {
      const env = { SPARKIFY_S3_ENDPOINT: s3.endpoint, SPARKIFY_REGION: 'us-east-1' };
      const run = bufferIO(dir, env);
      expect(await main(['run', 's3://sparkify/src'], run)).toBe(0);
      const io = bufferIO(dir, env);
      expect(await main(['rejects', '--json'], io)).toBe(0);
      const { records } = JSON.parse(io.out()) as { records: { file: string; line: number; text: string }[] };
      expect(records).toEqual([expect.objectContaining({ file: 's3://sparkify/src/log_data/2018/11/day.json', line: 2, text: 'not json' })]);
    });
  });
});
