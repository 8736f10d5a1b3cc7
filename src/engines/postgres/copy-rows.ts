import { fieldsOf, type RecordKind } from '../../schema/record-fields.js';
import { decodeFileBatches } from '../../sources/decode-file.js';
import { withSmallFileContents } from '../../sources/small-file-contents.js';
import type { Reject, SourceFile } from '../../sources/source-file.js';
import type { OnUnknownFields } from '../../sources/unknown-fields.js';
import { BinaryRowWriter } from './copy-binary.js';

export interface CopyRowsListener {
  onReject(reject: Reject): void;
  onUnknownFields?: OnUnknownFields;
  /** After each file: how many files are done, how many rows they gave and their bytes, in all. */
  onFileDone(files: number, rows: number, bytes: number): void;
}

/**
 * The staging rows of `files` as binary COPY rows (without the stream's header and
 * trailer), in chunks of about 64 KiB: each file decoded with the shared record rules
 * (rejects keep file, line and reason), small files read ahead.
 */
export async function* copyRowChunks(kind: RecordKind, files: SourceFile[], listener: CopyRowsListener): AsyncGenerator<Buffer> {
  const writer = new BinaryRowWriter(fieldsOf(kind));
  let full: Buffer[] = [];
  let rows = 0;
  let done = 0;
  let bytesDone = 0;
  for (const { file, bytes } of withSmallFileContents(files)) {
    const sourceFile = Buffer.from(file.path);
    for await (const batch of decodeFileBatches(kind, file.path, listener.onReject, bytes, listener.onUnknownFields)) {
      batch.forEach((record) => {
        const chunk = writer.write(record.values, sourceFile);
        rows += 1;
        if (chunk) full.push(chunk);
      });
      yield* full;
      full = [];
    }
    bytesDone += file.size;
    listener.onFileDone(++done, rows, bytesDone);
  }
  const last = writer.flush();
  if (last) yield last;
}
