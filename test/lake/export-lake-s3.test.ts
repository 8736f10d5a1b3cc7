import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile, mkdir } from 'node:fs/promises';
import { main } from '../../src/cli/main.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { isolateAwsEnv } from '../helpers/aws-env.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { startLocalS3, type LocalS3 } from '../helpers/local-s3.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

describe.skipIf(!sampleAvailable())('the Parquet lake to s3:// (local S3 server)', () => {
  let s3: LocalS3;
  let dir: string;
  let restoreEnv: () => void;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-lake-s3-'));
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = await startLocalS3(['lake']);
  });
  afterAll(async () => {
    await s3?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(engines)('%s: every file lands under the prefix in the Spark layout, and the objects read back to the warehouse counts', async (engine) => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source: udacitySample });
    const io = bufferIO(dir);
    const flags = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    expect(await main(['export', ...flags, '--out', `s3://lake/${engine}/warehouse`, '--s3-endpoint', s3.endpoint, '--region', 'us-east-1'], io)).toBe(0);

    const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'lake', Prefix: `${engine}/warehouse/` }));
      const keys = (listed.Contents ?? []).map((o) => o.Key!.slice(`${engine}/warehouse/`.length)).sort();
      expect(keys.filter((k) => k.startsWith('songplays/'))).toEqual([expect.stringMatching(/^songplays\/year=2018\/month=11\/[^/]+\.parquet$/)]);
      expect(keys).toContain('users/users.parquet');
      expect(keys).toContain('artists/artists.parquet');
      expect(keys.filter((k) => k.startsWith('songs/year='))).toHaveLength(69);

      // Download the lake and read it as Athena would: the counts of the warehouse.
      const local = join(dir, `download-${engine}`);
      for (const key of keys) {
        const body = await (await client.send(new GetObjectCommand({ Bucket: 'lake', Key: `${engine}/warehouse/${key}` }))).Body!.transformToByteArray();
        await mkdir(join(local, key, '..'), { recursive: true });
        await writeFile(join(local, key), body);
      }
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const count = async (table: string) =>
        Number((await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM read_parquet('${local}/${table}/**/*.parquet', hive_partitioning = true)`)).getRowObjectsJson()[0]!.n);
      expect([await count('songplays'), await count('time'), await count('songs'), await count('users'), await count('artists')]).toEqual([6820, 6813, 71, 97, 69]);
      connection.closeSync();
      instance.closeSync();
    } finally {
      client.destroy();
    }
  });
});
