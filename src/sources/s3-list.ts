import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { S3Access } from './s3-client.js';
import { toS3Error } from './s3-errors.js';
import { isDataKey, isUnder, type S3Location } from './s3-url.js';

/** One listed object: what the cache compares to decide whether to fetch it. */
export interface S3Object {
  key: string;
  size: number;
  /** The ETag without its quotes. */
  etag: string;
}

export interface ListOptions {
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  pageSize?: number;
  /** Stop after this many data objects (a quick look; the default lists everything). */
  limit?: number;
}

export const unquoteEtag = (etag: string | undefined): string => (etag ?? '').replace(/^(W\/)?"|"$/g, '');

/** The .json and .json.gz objects under a location, in key order, following every page. */
export async function listDataObjects(access: S3Access, location: S3Location, options: ListOptions = {}): Promise<S3Object[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const objects: S3Object[] = [];
  const limit = options.limit ?? Infinity;
  let token: string | undefined;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await access.client.send(
        new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix || undefined, ContinuationToken: token, MaxKeys: options.pageSize }),
      );
    } catch (error) {
      throw toS3Error(error, location.url, access);
    }
    for (const item of page.Contents ?? []) {
      if (!item.Key || !isUnder(location, item.Key) || !isDataKey(item.Key)) continue;
      objects.push({ key: item.Key, size: item.Size ?? 0, etag: unquoteEtag(item.ETag) });
      if (objects.length >= limit) return objects;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}
