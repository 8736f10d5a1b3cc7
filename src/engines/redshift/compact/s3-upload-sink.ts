import { Writable } from 'node:stream';
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';

/** S3's smallest multipart part is 5 MiB; 8 MiB parts keep a 1 GB file near 128 requests. */
export const uploadChunkBytes = 8 * 2 ** 20;

export type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The compressed bytes of one part, sent as they come: one PutObject when the part stays under
 * one chunk, else a multipart upload of 8 MiB chunks. At most one chunk is held at a time.
 */
export class S3Sink extends Writable {
  bytes = 0;
  private chunks: Buffer[] = [];
  private held = 0;
  private uploadId: string | undefined;
  private readonly done: CompletedPart[] = [];

  constructor(
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly chunkBytes: number,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.held += chunk.length;
    this.bytes += chunk.length;
    if (this.held < this.chunkBytes) {
      callback();
      return;
    }
    this.uploadChunk().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.complete().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!error || !this.uploadId) {
      callback(error);
      return;
    }
    // S3 keeps (and bills) the chunks of an unfinished upload until it is aborted.
    const abort = new this.sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId });
    this.client.send(abort).then(
      () => callback(error),
      () => callback(error),
    );
  }

  private take(): Buffer {
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    this.held = 0;
    return body;
  }

  private async uploadChunk(): Promise<void> {
    const { bucket: Bucket, key: Key } = this;
    this.uploadId ??= (await this.client.send(new this.sdk.CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/gzip' }))).UploadId;
    const PartNumber = this.done.length + 1;
    const answer = await this.client.send(new this.sdk.UploadPartCommand({ Bucket, Key, UploadId: this.uploadId, PartNumber, Body: this.take() }));
    // The checksum the SDK computed for the chunk must be repeated on completion when S3 recorded one.
    this.done.push({ PartNumber, ETag: answer.ETag, ...(answer.ChecksumCRC32 ? { ChecksumCRC32: answer.ChecksumCRC32 } : {}) });
  }

  private async complete(): Promise<void> {
    const { bucket: Bucket, key: Key } = this;
    if (!this.uploadId) {
      await this.client.send(new this.sdk.PutObjectCommand({ Bucket, Key, Body: this.take(), ContentType: 'application/gzip' }));
      return;
    }
    if (this.held > 0) await this.uploadChunk();
    await this.client.send(new this.sdk.CompleteMultipartUploadCommand({ Bucket, Key, UploadId: this.uploadId, MultipartUpload: { Parts: this.done } }));
  }
}
