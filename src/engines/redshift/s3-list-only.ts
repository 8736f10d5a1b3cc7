import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { Config } from '../../config/config.js';
import { SparkifyError } from '../../errors.js';
import { openS3, type S3Access } from '../../sources/s3-client.js';
import { toS3Error } from '../../sources/s3-errors.js';
import { unquoteEtag } from '../../sources/s3-list.js';
import { isDataKey, isUnder, parseS3Url, s3Url } from '../../sources/s3-url.js';
import type { SourceFile, SourceFiles } from '../../sources/source-file.js';
import { redshiftSourceLocations } from './redshift-settings.js';

/** One listed object. */
export interface S3Key {
  key: string;
  size: number;
  etag: string;
}

/** Every key starting with the URL's prefix — what a COPY of that prefix would read — without fetching anything. */
export async function listKeys(access: S3Access, url: string): Promise<S3Key[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const location = parseS3Url(url);
  const keys: S3Key[] = [];
  let token: string | undefined;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await access.client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix || undefined, ContinuationToken: token }));
    } catch (error) {
      throw toS3Error(error, url, access);
    }
    for (const item of page.Contents ?? []) if (item.Key) keys.push({ key: item.Key, size: item.Size ?? 0, etag: unquoteEtag(item.ETag) });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** The data files under a location as SourceFiles that stay in S3: path = s3://bucket/key, tag = ETag. */
export async function listS3Files(access: S3Access, url: string): Promise<SourceFile[]> {
  const location = parseS3Url(url);
  const keys = await listKeys(access, url);
  return keys.filter((k) => isUnder(location, k.key) && isDataKey(k.key)).map((k) => ({ path: s3Url(location.bucket, k.key), size: k.size, tag: k.etag }));
}

/**
 * The source of a Redshift run, listed but not downloaded: COPY reads the objects itself,
 * and load_manifest remembers each by its s3:// URL and ETag.
 */
export async function listS3Source(config: Config): Promise<SourceFiles> {
  const { logData, songData } = redshiftSourceLocations(config);
  for (const [what, url] of [['event logs', logData], ['song files', songData]] as const) {
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
