import { SparkifyError } from '../errors.js';

/** Where S3 files live: a bucket and a key prefix (a folder, or one object's key). */
export interface S3Location {
  bucket: string;
  /** Key prefix without a leading slash; '' for the whole bucket. */
  prefix: string;
  /** The s3:// URL as given, for messages. */
  url: string;
}

// Lenient: legacy us-east-1 buckets may hold capitals and underscores.
const bucketName = /^[A-Za-z0-9][A-Za-z0-9._-]{2,254}$/;
const dataKey = /\.json(\.gz)?$/i;

/** Parses `s3://bucket/prefix`; a malformed URL is a SOURCE error that says what it should look like. */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/.exec(url.trim());
  const bucket = match?.[1] ?? '';
  if (!match || !bucketName.test(bucket)) {
    throw new SparkifyError('SOURCE', `"${url}" is not an S3 location — write it as s3://bucket/prefix, e.g. s3://udacity-dend/log_data`);
  }
  return { bucket, prefix: match[2]!.replace(/^\/+/, ''), url: url.trim() };
}

export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/**
 * Whether `key` belongs to the location: the object named by the prefix itself, or one
 * under it as a folder — `log_data` takes `log_data/x.json` but not `log_data_old/x.json`.
 */
export function isUnder(location: S3Location, key: string): boolean {
  const { prefix } = location;
  if (prefix === '' || prefix.endsWith('/')) return key.startsWith(prefix);
  return key === prefix || key.startsWith(`${prefix}/`);
}

/** Event logs and song files: the keys the pipeline loads (folder markers and other files are skipped). */
export function isDataKey(key: string): boolean {
  return dataKey.test(key);
}
