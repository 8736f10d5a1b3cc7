import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import type { S3Access } from '../../../s3/client.js';
import { SparkifyError } from '../../../errors.js';
import { s3ErrorName, toS3Error } from '../../../s3/errors.js';
import { parseS3Url } from '../../../s3/url.js';
import type { RawRecord } from '../../../sources/read-records.js';
import { S3Sink, uploadChunkBytes, type Sdk } from './s3-upload-sink.js';

/** Lines are handed to gzip in batches this big: one zlib call per tiny line costs more than the compression. */
const batchChars = 64 * 1024;

/** Where one source file's records landed in a part: lines start … start+count-1, from the file's lines `lines` (or first, first+1, …). */
export interface Span {
  file: string;
  start: number;
  count: number;
  first: number;
  /** Source line of each record, kept only when they are not consecutive (pretty-printed or gappy files). */
  lines?: number[];
}

/** A failed upload, said as a write: toS3Error's advice is about reading sources. */
function writeError(error: unknown, url: string, access: S3Access): SparkifyError {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (s3ErrorName(error) === 'AccessDenied' || status === 403) {
    const who = access.signed ? `the credentials from ${access.auth}` : `anonymous requests (${access.auth})`;
    return new SparkifyError(
      'CONFIG',
      `cannot write the compacted file ${url}: access denied for ${who} — --compact-to must name a prefix they may write (s3:PutObject, s3:AbortMultipartUpload and s3:DeleteObject on it)`,
      { cause: error },
    );
  }
  return toS3Error(error, url, access);
}

export interface PartWriterOptions {
  /** gzip level, 1 (fast) to 9 (small); default 6, zlib's own. */
  level?: number;
  chunkBytes?: number;
}

/**
 * One compacted file: JSON lines → gzip → S3, streamed. Source files are added one at a time,
 * so each file's records sit on consecutive lines (what maps COPY's errors back to them).
 */
export class PartWriter {
  records = 0;
  /** Uncompressed bytes written. */
  textBytes = 0;
  readonly spans: Span[] = [];
  private batch: string[] = [];
  private batched = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly gzip: Gzip;
  private readonly sink: S3Sink;
  private readonly flowing: Promise<void>;

  private constructor(
    readonly url: string,
    private readonly access: S3Access,
    sdk: Sdk,
    options: PartWriterOptions,
  ) {
    const { bucket, prefix } = parseS3Url(url);
    this.gzip = createGzip({ level: options.level ?? 6 });
    this.sink = new S3Sink(sdk, access.client, bucket, prefix, options.chunkBytes ?? uploadChunkBytes);
    this.flowing = pipeline(this.gzip, this.sink);
    // Failures surface from finish() or the next write; never as an unhandled rejection meanwhile.
    this.flowing.catch(() => undefined);
  }

  /** Opens the part at `url` (s3://bucket/key); the SDK loads here. */
  static async open(access: S3Access, url: string, options: PartWriterOptions = {}): Promise<PartWriter> {
    return new PartWriter(url, access, await import('@aws-sdk/client-s3'), options);
  }

  /** Gzip bytes produced so far. */
  get compressedBytes(): number {
    return this.sink.bytes;
  }

  /** Appends one source file's records (each already one line); calls run one after another. */
  addFile(file: string, records: Iterable<RawRecord> | AsyncIterable<RawRecord>): Promise<number> {
    const run = this.queue.then(() => this.write(file, records));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Flushes, completes the upload, and returns the gzip size. */
  async finish(): Promise<number> {
    await this.queue;
    await this.flush();
    this.gzip.end();
    await this.flowing.catch((error: unknown) => Promise.reject(writeError(error, this.url, this.access)));
    return this.sink.bytes;
  }

  /** Stops the upload (an unfinished multipart upload is aborted). */
  async abort(reason: Error): Promise<void> {
    this.gzip.destroy(reason);
    await this.flowing.catch(() => undefined);
  }

  private async write(file: string, records: Iterable<RawRecord> | AsyncIterable<RawRecord>): Promise<number> {
    const span: Span = { file, start: this.records + 1, count: 0, first: 0 };
    let previous = 0;
    for await (const record of records) {
      if (span.count === 0) span.first = record.line;
      else if (span.lines) span.lines.push(record.line);
      else if (record.line !== previous + 1) span.lines = [...Array.from({ length: span.count }, (_, i) => span.first + i), record.line];
      previous = record.line;
      span.count += 1;
      this.records += 1;
      this.batch.push(record.text, '\n');
      this.batched += record.text.length + 1;
      if (this.batched >= batchChars) await this.flush();
    }
    if (span.count > 0) this.spans.push(span);
    return span.count;
  }

  private async flush(): Promise<void> {
    if (this.batched === 0) return;
    const text = Buffer.from(this.batch.join(''), 'utf8');
    this.batch = [];
    this.batched = 0;
    this.textBytes += text.length;
    if (this.gzip.write(text)) return;
    await Promise.race([once(this.gzip, 'drain'), this.flowing]).catch((error: unknown) => Promise.reject(writeError(error, this.url, this.access)));
  }
}
