import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';
import { SparkifyError } from '../../../errors.js';
import type { RecordKind } from '../../../schema/record-fields.js';
import type { S3Access } from '../../../s3/client.js';
import { isNoSuchKey, isTransientS3Error, toS3Error } from '../../../s3/errors.js';
import { parseS3Url } from '../../../s3/url.js';
import type { RawRecord } from '../../../sources/read-records.js';
import { scanObjects } from '../../../sources/scan-objects.js';

const attempts = 3;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const isGzip = (url: string) => /\.gz$/i.test(url);

/**
 * One record as one line of the compacted file. Text already on one line is kept byte for byte,
 * so COPY sees what it would have read from the original. Valid JSON spread over lines (pretty
 * printed) loses the line breaks and the indentation around them — JSON allows no raw line break
 * inside a string, so that changes nothing. Text that does not parse is written as a JSON string
 * holding it whole: one line, never an object, so COPY rejects it (and STL_LOAD_ERRORS keeps
 * it) as it would the original, instead of joining its lines into something that might parse.
 */
export function oneLine(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  try {
    JSON.parse(text);
  } catch {
    return JSON.stringify(text);
  }
  return text.replace(/[ \t]*[\r\n][ \t\r\n]*/g, '');
}

function missing(url: string): SparkifyError {
  return new SparkifyError('SOURCE', `${url} was listed but is gone now — run again to list the source afresh`);
}

/** The whole object, retried on transient errors (nothing has been written from it yet, so a retry is safe). */
export async function readObject(access: S3Access, url: string): Promise<Buffer> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { bucket, prefix } = parseS3Url(url);
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await access.client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix }));
      const bytes = await answer.Body!.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isNoSuchKey(error)) throw missing(url);
      if (attempt >= attempts || !isTransientS3Error(error)) throw toS3Error(error, url, access);
      await pause(200 * 2 ** attempt);
    }
  }
}

/** The object as a stream, for files too big to hold; `onBytes` counts what arrives. */
export async function streamObject(access: S3Access, url: string, onBytes: (n: number) => void): Promise<Readable> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { bucket, prefix } = parseS3Url(url);
  try {
    const answer = await access.client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix }));
    if (!(answer.Body instanceof Readable)) throw new SparkifyError('SOURCE', `S3 returned no readable body for ${url}`);
    return answer.Body.on('data', (chunk: Buffer) => onBytes(chunk.length));
  } catch (error) {
    if (isNoSuchKey(error)) throw missing(url);
    throw toS3Error(error, url, access);
  }
}

/** Event logs: one record a line (as the other engines read them), blank lines skipped, BOM dropped. */
async function* eventLines(input: Readable): AsyncGenerator<RawRecord> {
  const lines = createInterface({ input: input.setEncoding('utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const clean = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (clean.trim() !== '') yield { line, text: oneLine(clean) };
  }
}

/** Song files: one or several JSON objects, maybe pretty-printed, split as the other engines split them. */
function* songObjects(text: string): Generator<RawRecord> {
  for (const record of scanObjects(text.replace(/^\uFEFF/, ''))) yield { line: record.line, text: oneLine(record.text) };
}

/** The records of an object already read whole. */
export function recordsOf(kind: RecordKind, url: string, bytes: Buffer): Iterable<RawRecord> | AsyncIterable<RawRecord> {
  const text = isGzip(url) ? gunzipSync(bytes) : bytes;
  return kind === 'events' ? eventLines(Readable.from([text], { objectMode: false })) : songObjects(text.toString('utf8'));
}

/** The records of a streamed object. Song files need their whole text (objects may span lines), so they are read whole. */
export async function recordsOfStream(kind: RecordKind, url: string, body: Readable): Promise<Iterable<RawRecord> | AsyncIterable<RawRecord>> {
  const input = isGzip(url) ? body.pipe(createGunzip()) : body;
  if (input !== body) body.once('error', (error) => input.destroy(error));
  if (kind === 'events') return eventLines(input);
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return songObjects(Buffer.concat(chunks).toString('utf8'));
}
