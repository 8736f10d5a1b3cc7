import { fieldsOf, type RecordField, type RecordKind } from '../schema/record-fields.js';
import { decodeRecord, type RecordValues } from './decode-record.js';
import { readRawRecordBatches, type RawRecord } from './read-records.js';
import { clipRaw, type Reject } from './source-file.js';
import { FileSightings, noteUnknownKeys, type OnUnknownFields } from './unknown-fields.js';

export interface DecodedRecord {
  line: number;
  values: RecordValues;
}

/** Some valid records of a file, decoded one at a time as `forEach` reaches them. */
export interface DecodedBatch {
  forEach(visit: (record: DecodedRecord) => void): void;
}

/**
 * Reads one file and yields its records in batches (one per chunk read); as a batch is
 * visited, each invalid record goes to `onReject` with file, line and reason. A file that
 * cannot be read at all is one reject. `bytes` is the file's content when it was already
 * read (see small-file-contents.ts).
 */
export async function* decodeFileBatches(
  kind: RecordKind,
  path: string,
  onReject: (reject: Reject) => void,
  bytes?: Promise<Buffer>,
  onUnknownFields?: OnUnknownFields,
): AsyncGenerator<DecodedBatch> {
  const fields = fieldsOf(kind);
  const sightings = new FileSightings();
  try {
    for await (const raws of readRawRecordBatches(kind, path, bytes)) {
      yield {
        forEach: (visit) =>
          raws.forEach((raw) => {
            const record = decodeRaw(kind, fields, path, raw, onReject, sightings);
            if (record) visit(record);
          }),
      };
    }
  } catch (error) {
    onReject({ kind, file: path, line: null, reason: `cannot read file: ${(error as Error).message}`, raw: null });
  }
  const found = sightings.list();
  if (found) onUnknownFields?.(kind, path, found);
}

function decodeRaw(kind: RecordKind, fields: RecordField[], path: string, raw: RawRecord, onReject: (reject: Reject) => void, sightings: FileSightings): DecodedRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.text);
  } catch (error) {
    const reason = raw.text.includes('\uFFFD') ? 'invalid UTF-8 or malformed JSON' : `malformed JSON: ${(error as Error).message}`;
    onReject({ kind, file: path, line: raw.line, reason, raw: clipRaw(raw.text) });
    return undefined;
  }
  const result = decodeRecord(parsed, fields);
  if (result.ok) {
    noteUnknownKeys(parsed as object, fields, result.present, raw.line, sightings);
    return { line: raw.line, values: result.values };
  }
  onReject({ kind, file: path, line: raw.line, reason: result.reason, raw: clipRaw(raw.text) });
  return undefined;
}

/** decodeFileBatches one record at a time, for callers where the per-record step is not hot. */
export async function* decodeFile(
  kind: RecordKind,
  path: string,
  onReject: (reject: Reject) => void,
  bytes?: Promise<Buffer>,
  onUnknownFields?: OnUnknownFields,
): AsyncGenerator<DecodedRecord> {
  for await (const batch of decodeFileBatches(kind, path, onReject, bytes, onUnknownFields)) {
    const records: DecodedRecord[] = [];
    batch.forEach((record) => {
      records.push(record);
    });
    yield* records;
  }
}
