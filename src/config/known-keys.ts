import { configFields } from './fields.js';

/** dwh.cfg keys read outside configFields: the seeds' [AWS] credentials, the S3 source, a region. */
const otherKeys: [section: string, key: string][] = [
  ['AWS', 'KEY'],
  ['AWS', 'SECRET'],
  ['AWS', 'REGION'],
  ['DWH', 'DWH_REGION'],
  ['S3', 'LOG_DATA'],
  ['S3', 'SONG_DATA'],
];

/** Every section sparkify reads, with its keys. */
export function knownKeys(): Map<string, string[]> {
  const known = new Map<string, string[]>();
  const add = (section: string, key: string) => {
    const keys = known.get(section) ?? [];
    if (!keys.includes(key)) known.set(section, [...keys, key]);
  };
  for (const field of configFields) if (field.ini) add(...field.ini);
  for (const [section, key] of otherKeys) add(section, key);
  return known;
}

/** [S3] keys whose values are s3:// locations (LOG_JSONPATH may also be `auto`). */
export const s3UrlKeys = ['LOG_DATA', 'SONG_DATA', 'LOG_JSONPATH', 'MANIFEST_PREFIX', 'COMPACT_TO'];
