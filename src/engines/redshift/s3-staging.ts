import type { Config } from '../../config/config.js';
import { openS3, type S3Access } from '../../s3/client.js';
import { toS3Error } from '../../s3/errors.js';
import { parseS3Url } from '../../s3/url.js';
import { listKeys } from '../../s3/list.js';

/** What staging needs of S3 besides COPY itself: list a prefix, read, write and delete small files (manifests, JSONPaths). */
export interface S3Staging {
  listKeys(url: string): Promise<string[]>;
  put(url: string, body: string): Promise<void>;
  /** A small object's text (a JSONPaths file). */
  read(url: string): Promise<string>;
  remove(url: string): Promise<void>;
  close(): void;
}

/** S3 through the source's own client settings (credentials, endpoint, region); opened on first use. */
export function openS3Staging(config: Config): S3Staging {
  let access: Promise<S3Access> | undefined;
  const get = () => (access ??= openS3(config));
  return {
    listKeys: async (url) => (await listKeys(await get(), url)).map((k) => k.key),
    async put(url, body) {
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      const s3 = await get();
      const { bucket, prefix } = parseS3Url(url);
      try {
        await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix, Body: body, ContentType: 'application/json' }));
      } catch (error) {
        throw toS3Error(error, url, s3);
      }
    },
    async read(url) {
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const s3 = await get();
      const { bucket, prefix } = parseS3Url(url);
      try {
        const out = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix }));
        return (await out.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        throw toS3Error(error, url, s3);
      }
    },
    async remove(url) {
      const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
      const s3 = await get();
      const { bucket, prefix } = parseS3Url(url);
      await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix })).catch(() => undefined);
    },
    close() {
      void access?.then((s3) => s3.client.destroy()).catch(() => undefined);
    },
  };
}
