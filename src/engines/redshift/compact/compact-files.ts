import type { RecordKind } from '../../../schema/record-fields.js';
import type { S3Access } from '../../../s3/client.js';
import { forEachBounded } from '../../../s3/download.js';
import { parseS3Url } from '../../../s3/url.js';
import { totalSize, type SourceFile } from '../../../sources/source-file.js';
import { groupFiles, planParts, type PartPlan } from './compact-plan.js';
import { readObject, recordsOf, recordsOfStream, streamObject } from './compact-source.js';
import { PartWriter, type Span } from './compact-writer.js';

/** How far a compaction is: source files read, records written, bytes read from S3 and written to it. */
export interface CompactProgress {
  files: number;
  totalFiles: number;
  records: number;
  bytesIn: number;
  bytesOut: number;
}

/** One written part and where its lines came from. */
export interface CompactedPart {
  url: string;
  records: number;
  /** Uncompressed JSON-lines bytes. */
  textBytes: number;
  /** gzip bytes, the object's size. */
  bytes: number;
  spans: Span[];
}

export interface Compaction {
  kind: RecordKind;
  plan: PartPlan;
  parts: CompactedPart[];
  files: number;
  records: number;
  bytesIn: number;
  bytesOut: number;
}

export interface CompactInput {
  access: S3Access;
  kind: RecordKind;
  files: SourceFile[];
  /** s3:// prefix the parts go under (part-00000.json.gz, …); make it run-specific. */
  to: string;
  slices: number;
  /** Objects read at once, over all parts; default 64 (small objects are bound by round trips; 64 beat 32 and 16 on s3rver). */
  concurrency?: number;
  /** Parts written at once; default 2 (each is one gzip stream on libuv's thread pool). */
  partConcurrency?: number;
  /** gzip level; default 6. */
  level?: number;
  /** Multipart chunk size; default 8 MiB (S3 needs at least 5 MiB but for the last). */
  chunkBytes?: number;
  /** Objects up to this size are read whole (and retried on transient errors); larger ones stream. Default 1 MiB. */
  wholeReadBytes?: number;
  onProgress?(progress: CompactProgress): void;
}

export const partName = (index: number) => `part-${String(index).padStart(5, '0')}.json.gz`;

/**
 * Merges many small JSON files into a few gzip JSON-lines parts: a multiple of the slice count,
 * each a run of neighbouring files of about equal size, every record on its own line (see
 * oneLine). Memory stays bounded whatever the input: per part one gzip stream, one upload chunk
 * and the objects in flight (whole reads only up to `wholeReadBytes`).
 */
export async function compactFiles(input: CompactInput): Promise<Compaction> {
  const { access, kind, files } = input;
  const inputBytes = totalSize(files);
  const plan = planParts({ inputBytes, files: files.length, slices: input.slices });
  const groups = files.length === 0 ? [] : groupFiles(files, plan.parts);
  const prefix = input.to.replace(/\/+$/, '');
  const partConcurrency = Math.max(1, Math.min(input.partConcurrency ?? 2, groups.length));
  const perPart = Math.max(1, Math.ceil((input.concurrency ?? 64) / partConcurrency));
  const wholeReadBytes = input.wholeReadBytes ?? 2 ** 20;

  const parts: CompactedPart[] = [];
  const open = new Set<PartWriter>();
  const done = { files: 0, records: 0, bytesIn: 0, bytesOut: 0 };
  const report = () => {
    let bytesOut = done.bytesOut;
    for (const writer of open) bytesOut += writer.compressedBytes;
    input.onProgress?.({ files: done.files, totalFiles: files.length, records: done.records, bytesIn: done.bytesIn, bytesOut });
  };
  const countIn = (n: number) => {
    done.bytesIn += n;
  };

  const writePart = async (index: number) => {
    const writer = await PartWriter.open(access, `${prefix}/${partName(index)}`, { level: input.level, chunkBytes: input.chunkBytes });
    open.add(writer);
    try {
      await forEachBounded(groups[index]!, perPart, async (file) => {
        let records: Awaited<ReturnType<typeof recordsOfStream>>;
        if (file.size <= wholeReadBytes) {
          const bytes = await readObject(access, file.path);
          countIn(bytes.length);
          records = recordsOf(kind, file.path, bytes);
        } else {
          // Opened only when the writer takes this file, so the stream never waits on a busy part.
          records = (async function* () {
            yield* await recordsOfStream(kind, file.path, await streamObject(access, file.path, countIn));
          })();
        }
        // Awaited first: `done.records += await …` would read the total before the wait and lose other workers' counts.
        const written = await writer.addFile(file.path, records);
        done.records += written;
        done.files += 1;
        report();
      });
      const bytes = await writer.finish();
      parts.push({ url: writer.url, records: writer.records, textBytes: writer.textBytes, bytes, spans: writer.spans });
      done.bytesOut += bytes;
    } catch (error) {
      await writer.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      open.delete(writer);
    }
  };

  try {
    await forEachBounded(
      groups.map((_, i) => i),
      partConcurrency,
      writePart,
    );
  } catch (error) {
    // Parts already written are of no use without the rest.
    await removeParts(
      access,
      parts.map((p) => p.url),
    );
    throw error;
  }
  report();
  parts.sort((a, b) => a.url.localeCompare(b.url));
  return { kind, plan, parts, files: files.length, records: done.records, bytesIn: done.bytesIn, bytesOut: done.bytesOut };
}

/** Deletes written parts, best effort (a missing one is already gone). */
export async function removeParts(access: S3Access, urls: string[]): Promise<void> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  await forEachBounded(urls, 8, async (url) => {
    const { bucket, prefix } = parseS3Url(url);
    await access.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix })).catch(() => undefined);
  });
}
