import { fieldsOf, type RecordKind } from '../schema/record-fields.js';
import { decodeRecord, type RecordValues } from './decode-record.js';
import { readRawRecords } from './read-records.js';
import { clipRaw, type Reject } from './source-file.js';

export interface DecodedRecord {
  line: number;
  values: RecordValues;
}

/**
 * Reads one file and yields its valid records; each invalid one goes to `onReject`
 * with file, line and reason. A file that cannot be read at all is one reject.
 * `bytes` is the file's content when it was already read (see small-file-contents.ts).
 */
export async function* decodeFile(
  kind: RecordKind,
  path: string,
  onReject: (reject: Reject) => void,
  bytes?: Promise<Buffer>,
): AsyncGenerator<DecodedRecord> {
  const fields = fieldsOf(kind);
  try {
    for await (const raw of readRawRecords(kind, path, bytes)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.text);
      } catch (error) {
        const reason = raw.text.includes('\uFFFD') ? 'invalid UTF-8 or malformed JSON' : `malformed JSON: ${(error as Error).message}`;
        onReject({ kind, file: path, line: raw.line, reason, raw: clipRaw(raw.text) });
        continue;
      }
      const result = decodeRecord(parsed, fields);
      if (result.ok) yield { line: raw.line, values: result.values };
      else onReject({ kind, file: path, line: raw.line, reason: result.reason, raw: clipRaw(raw.text) });
    }
  } catch (error) {
    onReject({ kind, file: path, line: null, reason: `cannot read file: ${(error as Error).message}`, raw: null });
  }
}
