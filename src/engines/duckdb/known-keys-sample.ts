import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldsOf, type RecordKind } from '../../schema/record-fields.js';

/** A one-record file holding exactly the known keys, and how to remove it. */
export interface KnownKeysSample {
  path: string;
  remove(): void;
}

/**
 * DuckDB's reader refuses a record with a key its schema does not know — but only when it
 * detected that schema itself, and only in files it did not sample. Listed first and read with
 * `sample_size = 1, maximum_sample_files = 1`, this file is all the detection sees: the columns
 * are exactly the known keys, and any other key in the real files fails the statement. Staging
 * then learns of schema drift without reading the files a second time (a third of a second per
 * million events).
 */
export function writeKnownKeysSample(kind: RecordKind): KnownKeysSample {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-keys-'));
  const path = join(dir, `${kind}.json`);
  writeFileSync(path, `${JSON.stringify(Object.fromEntries(fieldsOf(kind).map((f) => [f.key, null])))}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
