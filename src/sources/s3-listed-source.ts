import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import { openS3 } from '../s3/client.js';
import { listS3Files } from '../s3/list.js';
import { s3SourceLocations } from './source-locations.js';
import type { SourceFiles } from './source-file.js';

/**
 * The source of a warehouse that reads S3 itself, listed but not downloaded: COPY reads the
 * objects, and load_manifest remembers each by its s3:// URL and ETag.
 */
export async function listS3Source(config: Config): Promise<SourceFiles> {
  const { logData, songData } = s3SourceLocations(config);
  for (const [what, url] of [
    ['event logs', logData],
    ['song files', songData],
  ] as const) {
    if (!url?.startsWith('s3://')) {
      throw new SparkifyError(
        'CONFIG',
        `Redshift loads with COPY from S3, so the ${what} must be an s3:// location, got ${url ? `"${url}"` : 'none'} — pass --source s3://bucket/prefix (or --log-data/--song-data), or set [S3] LOG_DATA and SONG_DATA in dwh.cfg`,
      );
    }
  }
  const access = await openS3(config);
  try {
    const [events, songs] = await Promise.all([listS3Files(access, logData!), listS3Files(access, songData!)]);
    if (events.length === 0 && songs.length === 0) throw new SparkifyError('SOURCE', `no .json or .json.gz objects under ${logData} or ${songData}`);
    return { label: config.source ?? `${logData} + ${songData}`, events, songs };
  } finally {
    access.client.destroy();
  }
}
