import { SparkifyError } from '../errors.js';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Service: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** `s3://bucket/some/prefix` → bucket and key (no leading slash). */
export function parseS3Url(url: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,62})(?:\/(.*))?$/.exec(url.trim());
  if (!match) throw new SparkifyError('CONFIG', `"${url}" is not an s3://bucket/prefix URL — fix [S3] in dwh.cfg`);
  return { bucket: match[1]!, key: match[2] ?? '' };
}

/** A key whose last segment has a dot (log_json_path.json) names one object; anything else is a prefix. */
function isObjectKey(key: string): boolean {
  return /\.[A-Za-z0-9]+$/.test(key.split('/').pop() ?? '');
}

/**
 * Least-privilege read access for Redshift COPY: ListBucket on each bucket limited to the
 * prefixes, GetObject on the objects under them. COPY loads every key that *starts with* the
 * prefix (`log_data` also matches `log_data/2018/…`), hence `prefix*` rather than `prefix/*`.
 */
export function s3ReadPolicy(urls: readonly string[]): PolicyDocument {
  const prefixes = new Map<string, Set<string>>();
  const objects = new Set<string>();
  for (const url of urls) {
    const { bucket, key } = parseS3Url(url);
    if (isObjectKey(key)) {
      objects.add(`arn:aws:s3:::${bucket}/${key}`);
      continue;
    }
    prefixes.set(bucket, (prefixes.get(bucket) ?? new Set()).add(`${key}*`));
    objects.add(`arn:aws:s3:::${bucket}/${key}*`);
  }
  if (objects.size === 0) throw new SparkifyError('CONFIG', 'no s3:// source in dwh.cfg [S3] LOG_DATA / SONG_DATA to grant read access to');
  const list: PolicyStatement[] = [...prefixes].map(([bucket, keys], index) => ({
    Sid: `ListSourcePrefixes${index + 1}`,
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: `arn:aws:s3:::${bucket}`,
    Condition: { StringLike: { 's3:prefix': [...keys] } },
  }));
  return {
    Version: '2012-10-17',
    Statement: [...list, { Sid: 'ReadSourceObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: [...objects] }],
  };
}
