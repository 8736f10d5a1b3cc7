import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { openS3 } from '../../src/s3/client.js';
import { listDataObjects } from '../../src/s3/list.js';
import { parseS3Url } from '../../src/s3/url.js';

// Reaches real AWS: run with SPARKIFY_LIVE_AWS=1.
describe.skipIf(process.env.SPARKIFY_LIVE_AWS !== '1')('live: the public udacity-dend bucket', () => {
  it('lists song files with unsigned requests', async () => {
    const config = loadConfig({ cwd: process.cwd(), env: { SPARKIFY_S3_UNSIGNED: '1', SPARKIFY_REGION: 'us-west-2' } });
    const access = await openS3(config);
    try {
      expect(access.signed).toBe(false);
      const objects = await listDataObjects(access, parseS3Url('s3://udacity-dend/song_data'), { pageSize: 10, limit: 5 });
      expect(objects).toHaveLength(5);
      for (const o of objects) {
        expect(o.key).toMatch(/^song_data\/.+\.json$/);
        expect(o.size).toBeGreaterThan(0);
        expect(o.etag).toMatch(/^[0-9a-f]{32}(-\d+)?$/);
      }
    } finally {
      access.client.destroy();
    }
  });
});
