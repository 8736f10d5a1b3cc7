import { closeSync, openSync, readSync } from 'node:fs';
import { fieldsOf, type RecordKind } from '../../schema/record-fields.js';

const headBytes = 64 * 1024;

/**
 * Whether a file's first line is a JSON object holding exactly the known keys. DuckDB's reader
 * refuses a record with a key its schema does not know, but only when it detected that schema
 * itself: read with `sample_size = 1, maximum_sample_files = 1`, the detection sees only the
 * first record of the first file, and when that record holds exactly the known keys, any other
 * key in any record of the batch fails the statement. Anything unusual here (a blank or long
 * first line, a key missing) answers no, and the batch is read without that check.
 */
export function firstRecordHasKnownKeys(kind: RecordKind, path: string): boolean {
  const head = Buffer.alloc(headBytes);
  let length: number;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, head, 0, headBytes, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // DuckDB's reader reports what is wrong with the file.
  }
  const newline = head.subarray(0, length).indexOf(10);
  if (newline < 0 && length === headBytes) return false;
  let record: unknown;
  try {
    record = JSON.parse(head.subarray(0, newline < 0 ? length : newline).toString('utf8'));
  } catch {
    return false;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return false;
  const keys = Object.keys(record);
  const known = fieldsOf(kind).map((f) => f.key);
  return keys.length === known.length && known.every((key) => Object.hasOwn(record, key));
}
