import { fieldsOf, type RecordKind } from '../../schema/record-fields.js';
import { decodeFileBatches } from '../../sources/decode-file.js';
import { withSmallFileContents } from '../../sources/small-file-contents.js';
import { clipRaw, type Reject, type SourceFile } from '../../sources/source-file.js';
import type { OnUnknownFields } from '../../sources/unknown-fields.js';
import { copyRowEncoder, copyText, UnencodableValue } from './copy-encode.js';

/** Bytes gathered before one write to the COPY stream: few writes, bounded memory. */
const chunkChars = 1 << 16;

export interface CopyRowsListener {
  onReject(reject: Reject): void;
  onUnknownFields?: OnUnknownFields;
  /** After each file: how many files are done, how many rows they gave and their bytes, in all. */
  onFileDone(files: number, rows: number, bytes: number): void;
}

/**
 * The staging rows of `files` in COPY text format, in chunks of about 64 KiB: each file
 * decoded with the shared record rules (rejects keep file, line and reason), small files
 * read ahead.
 */
export async function* copyRowChunks(kind: RecordKind, files: SourceFile[], listener: CopyRowsListener): AsyncGenerator<Buffer> {
  const fields = fieldsOf(kind);
  const encode = copyRowEncoder(fields);
  let chunk = '';
  let full: Buffer[] = [];
  let rows = 0;
  let done = 0;
  let bytesDone = 0;
  for (const { file, bytes } of withSmallFileContents(files)) {
    const sourceFile = copyText(file.path);
    for await (const batch of decodeFileBatches(kind, file.path, listener.onReject, bytes, listener.onUnknownFields)) {
      batch.forEach((record) => {
        try {
          chunk += encode(record.values, sourceFile);
        } catch (error) {
          if (!(error instanceof UnencodableValue)) throw error;
          const raw = clipRaw(JSON.stringify(Object.fromEntries(fields.map((f, i) => [f.key, record.values[i]]))));
          listener.onReject({ kind, file: file.path, line: record.line, reason: error.message, raw });
          return;
        }
        rows += 1;
        if (chunk.length >= chunkChars) {
          full.push(Buffer.from(chunk));
          chunk = '';
        }
      });
      yield* full;
      full = [];
    }
    bytesDone += file.size;
    listener.onFileDone(++done, rows, bytesDone);
  }
  if (chunk) yield Buffer.from(chunk);
}
