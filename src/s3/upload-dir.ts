import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { S3Access } from './client.js';
import { toS3Error } from './errors.js';
import type { S3Location } from './url.js';

/** Puts every file under `dir` at `prefix/<its path under dir>`; returns the keys written. */
export async function uploadDir(access: S3Access, dir: string, to: S3Location): Promise<string[]> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const base = to.prefix === '' || to.prefix.endsWith('/') ? to.prefix : `${to.prefix}/`;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const keys: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const key = `${base}${relative(dir, path).split(sep).join('/')}`;
    try {
      await access.client.send(new PutObjectCommand({ Bucket: to.bucket, Key: key, Body: await readFile(path) }));
    } catch (error) {
      throw toS3Error(error, `s3://${to.bucket}/${key}`, access);
    }
    keys.push(key);
  }
  return keys.sort();
}
