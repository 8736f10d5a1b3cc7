import type { S3Access } from './client.js';
import { toS3Error } from './errors.js';
import { isDataKey, isUnder, parseS3Url, s3Url, type S3Location } from './url.js';

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

/** Every object whose key starts with the location's prefix, page after page (the SDK's paginator), in key order. */
async function* listPrefix(access: S3Access, location: S3Location, pageSize?: number): AsyncGenerator<S3Object> {
  const { paginateListObjectsV2 } = await import('@aws-sdk/client-s3');
  const pages = paginateListObjectsV2({ client: access.client, ...(pageSize ? { pageSize } : {}) }, { Bucket: location.bucket, Prefix: location.prefix || undefined });
  try {
    for await (const page of pages) {
      for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0, etag: unquoteEtag(item.ETag) };
    }
  } catch (error) {
    throw toS3Error(error, location.url, access);
  }
}

/** The .json and .json.gz objects under a location, in key order, following every page. */
export async function listDataObjects(access: S3Access, location: S3Location, options: ListOptions = {}): Promise<S3Object[]> {
  const objects: S3Object[] = [];
  const limit = options.limit ?? Infinity;
  for await (const object of listPrefix(access, location, options.pageSize)) {
    if (!isUnder(location, object.key) || !isDataKey(object.key)) continue;
    objects.push(object);
    if (objects.length >= limit) break;
  }
  return objects;
}

/** Every key starting with the URL's prefix — what a COPY of that prefix would read — without fetching anything. */
export async function listKeys(access: S3Access, url: string): Promise<S3Object[]> {
  const keys: S3Object[] = [];
  for await (const object of listPrefix(access, parseS3Url(url))) keys.push(object);
  return keys;
}

/** The data objects under a location as s3:// URLs with size and ETag. */
export async function listS3Files(access: S3Access, url: string): Promise<{ path: string; size: number; tag: string }[]> {
  const location = parseS3Url(url);
  const objects = await listDataObjects(access, location);
  return objects.map((o) => ({ path: s3Url(location.bucket, o.key), size: o.size, tag: o.etag }));
}
