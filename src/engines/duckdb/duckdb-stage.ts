import { fieldsOf, stagingTableOf, storedFields, type RecordKind } from '../../schema/record-fields.js';
import { sizeOfFirst, totalSize, type SourceFile } from '../../sources/source-file.js';
import { qualified, quoteIdent, sqlString } from '../../sql/quote.js';
import type { Row, StageContext, StageResult, Warehouse } from '../warehouse.js';
import { fieldColumnsSql, fieldOkSql, fieldValueSql, recordNulFreeSql } from './json-field-sql.js';
import { stageDecodedFiles } from './duckdb-stage-decoded.js';
import { reportUnknownFields } from './duckdb-unknown-fields.js';
import { rowsPerByte } from './rows-per-byte.js';
import { nativeMaxObjectBytes } from './native-max-object.js';
import { firstRecordHasKnownKeys } from './first-record-keys.js';

const filesPerBatch = 2000;
// DuckDB's reader costs about half a millisecond per file whatever its size; for files this
// small on average, reading ahead in Node and loading one combined file is several times faster.
const smallFileBytes = 256 * 1024;
const rawTable = 'sparkify_raw_batch';

/** The DuckDB warehouse as staging uses it: queries, and one that reports how far it got. */
export interface DuckdbStaging extends Warehouse {
  queryWithProgress(sql: string, onFraction: (done: number) => void): Promise<Row[]>;
}

/** How far one batch has got, from 0 to 1 (DuckDB's own estimate while a statement runs). */
type BatchProgress = (fraction: number) => void;

/*
 * Fast path: DuckDB's native JSON reader loads whole batches of files, every field kept as
 * raw JSON and checked in SQL against the same rules as the TypeScript decoder. A file the
 * reader cannot parse, or holding any invalid record, is loaded instead through the decoder,
 * which knows lines and reasons — so rejects are exact and good records are never lost. The
 * reader also refuses keys outside the known fields; a batch that has some is loaded again
 * without that check, and only its files get the drift pass that counts them.
 */
export async function stageWithDuckdb(warehouse: DuckdbStaging, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
  const totalBytes = totalSize(files);
  // The decoder takes its files in order: the first n are done.
  const firstBytes = sizeOfFirst(files);
  if (files.length > 100 && totalBytes / files.length < smallFileBytes) {
    const progress = (n: number, rows: number) => context.onProgress?.({ kind, files: n, totalFiles: files.length, rows, bytes: firstBytes(n), totalBytes });
    return { rows: await stageDecodedFiles(warehouse, kind, files, context, progress) };
  }
  let rows = 0;
  let done = 0;
  let bytes = 0;
  const slowFiles = new Set<SourceFile>();
  // Files loaded without the reader's key check, whose keys the drift pass reads afterwards.
  const keysUnchecked: SourceFile[] = [];
  const perByte = rowsPerByte(kind, files);
  for (let i = 0; i < files.length; i += filesPerBatch) {
    context.signal?.throwIfAborted();
    const batch = files.slice(i, i + filesPerBatch);
    const batchBytes = totalSize(batch);
    // While a statement runs only its fraction is known: the rows so far are estimated from the bytes.
    const partly: BatchProgress = (fraction) =>
      context.onProgress?.({
        kind,
        files: done + Math.floor(fraction * batch.length),
        totalFiles: files.length,
        rows: rows + Math.round(fraction * batchBytes * perByte),
        rowsEstimated: perByte > 0,
        bytes: bytes + Math.round(fraction * batchBytes),
        totalBytes,
      });
    const result = await stageBatch(warehouse, kind, batch, partly, context);
    rows += result.rows;
    for (const f of result.slow) slowFiles.add(f);
    if (!result.keysChecked) keysUnchecked.push(...batch.filter((f) => !result.slow.includes(f)));
    done += batch.length - result.slow.length;
    bytes += batchBytes - totalSize(result.slow);
    context.onProgress?.({ kind, files: done, totalFiles: files.length, rows, bytes, totalBytes });
  }
  if (context.onUnknownFields && keysUnchecked.length > 0) {
    await reportUnknownFields(warehouse, kind, keysUnchecked, context.onUnknownFields);
  }
  if (slowFiles.size > 0) {
    // In listing order, whatever order DuckDB's threads found them in: rejects come out the same every run.
    const slow = files.filter((f) => slowFiles.has(f));
    const slowBytes = sizeOfFirst(slow);
    rows += await stageDecodedFiles(warehouse, kind, slow, context, (n, r) =>
      context.onProgress?.({ kind, files: done + n, totalFiles: files.length, rows: rows + r, bytes: bytes + slowBytes(n), totalBytes }),
    );
  }
  return { rows };
}

/**
 * The files' records as a subquery: each field prepared by fieldColumnsSql, and the file's name.
 * With `checkKeys` (the first file's first record holds exactly the known keys) a record
 * holding any other key fails the statement; without, such keys are passed over.
 */
function readJsonSql(kind: RecordKind, paths: string[], checkKeys: boolean): string {
  const format = kind === 'events' ? 'newline_delimited' : 'unstructured';
  const options = `format = '${format}', records = true, filename = true, hive_partitioning = false, maximum_object_size = ${nativeMaxObjectBytes}`;
  const schema = checkKeys
    ? 'sample_size = 1, maximum_sample_files = 1, maximum_depth = 1'
    : `columns = {${fieldsOf(kind)
        .map((f) => `${sqlString(f.key)}: 'JSON'`)
        .join(', ')}}`;
  return `(SELECT ${fieldColumnsSql(fieldsOf(kind))}, filename FROM read_json([${paths.map(sqlString).join(', ')}], ${options}, ${schema}))`;
}

/** DuckDB's error for a key outside the detected columns (the message quotes the record: never shown). */
const unknownKeyError = (error: unknown) => error instanceof Error && / has unknown key "/.test(error.message);

/** Direct loads tried per batch before one pass that finds every invalid file at once. */
const directAttempts = 3;
const invalidMarker = 'sparkify: invalid record in ';

/**
 * Stages one batch natively; returns the files that need the decoder, and whether the reader
 * checked the keys of the rest (asked for by a listener for unknown fields, until a key
 * outside the known ones turns up).
 */
async function stageBatch(
  warehouse: DuckdbStaging,
  kind: RecordKind,
  batch: SourceFile[],
  partly: BatchProgress,
  context: StageContext,
): Promise<{ rows: number; slow: SourceFile[]; keysChecked: boolean }> {
  const slow: SourceFile[] = [];
  let remaining = batch;
  let wantKeysChecked = context.onUnknownFields !== undefined;
  for (let attempt = 0; remaining.length > 0; attempt++) {
    const checkKeys = wantKeysChecked && firstRecordHasKnownKeys(kind, remaining[0]!.path);
    try {
      if (attempt < directAttempts) return { rows: await insertDirect(warehouse, kind, remaining, partly, context, checkKeys), slow, keysChecked: checkKeys };
      const checked = await insertCheckedFiles(warehouse, kind, remaining, context, checkKeys);
      return { rows: checked.rows, slow: [...slow, ...checked.invalid], keysChecked: checkKeys };
    } catch (error) {
      // Interrupted (Ctrl-C), not a bad file: stop rather than decode the batch the slow way.
      if (context.signal?.aborted) throw error;
      // Schema drift, not a bad record: load the batch again without the check, as an attempt of its own.
      if (checkKeys && unknownKeyError(error)) {
        wantKeysChecked = false;
        attempt--;
        continue;
      }
      const culprit = failingFile(error, remaining);
      if (!culprit) return { rows: 0, slow: [...slow, ...remaining], keysChecked: true };
      slow.push(culprit);
      remaining = remaining.filter((f) => f !== culprit);
    }
  }
  return { rows: 0, slow, keysChecked: true };
}

function insertHead(warehouse: Warehouse, kind: RecordKind, context: StageContext): string {
  const columns = [...storedFields(kind, context.stagesUnreadFields !== false).map(({ field }) => quoteIdent(field.column)), 'source_file'].join(', ');
  return `INSERT INTO ${context.stagingTable?.(kind) ?? qualified(warehouse.schema, stagingTableOf(kind))} (${columns})`;
}

const recordOk = (kind: RecordKind, nulCheckedInValues?: ReadonlySet<number>) =>
  [...fieldsOf(kind).map((f, i) => fieldOkSql(f, i)), recordNulFreeSql(fieldsOf(kind), nulCheckedInValues)].join(' AND ');
const recordValues = (kind: RecordKind, context: StageContext, onEscapedNul?: string) =>
  storedFields(kind, context.stagesUnreadFields !== false)
    .map(({ field, index }) => fieldValueSql(field, index, onEscapedNul))
    .join(', ');

/**
 * One pass, the usual case: an invalid record aborts the statement (nothing is inserted) with
 * an error naming its file, which then goes to the decoder. The stored fields' values check
 * for an escaped NUL themselves (json-field-sql.ts), so the record's check leaves them out.
 */
async function insertDirect(warehouse: DuckdbStaging, kind: RecordKind, files: SourceFile[], partly: BatchProgress, context: StageContext, checkKeys: boolean): Promise<number> {
  const invalid = `error(${sqlString(invalidMarker)} || filename)`;
  const values = recordValues(kind, context, invalid);
  const stored = new Set(storedFields(kind, context.stagesUnreadFields !== false).map(({ index }) => index));
  const sourceFile = `CASE WHEN ${recordOk(kind, stored)} THEN filename ELSE ${invalid} END`;
  const insert = `${insertHead(warehouse, kind, context)} SELECT ${values}, ${sourceFile} FROM ${readJsonSql(
    kind,
    files.map((f) => f.path),
    checkKeys,
  )}`;
  const inserted = await warehouse.queryWithProgress(insert, partly);
  return Number(inserted[0]?.Count ?? 0);
}

/** For a batch with several invalid files: check every record into a scratch table, load the clean files. */
async function insertCheckedFiles(
  warehouse: Warehouse,
  kind: RecordKind,
  files: SourceFile[],
  context: StageContext,
  checkKeys: boolean,
): Promise<{ rows: number; invalid: SourceFile[] }> {
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE ${rawTable} AS SELECT *, (${recordOk(kind)}) AS record_ok FROM ${readJsonSql(
      kind,
      files.map((f) => f.path),
      checkKeys,
    )}`,
  );
  try {
    const invalid = await warehouse.query(`SELECT DISTINCT filename FROM ${rawTable} WHERE NOT record_ok`);
    const invalidPaths = new Set(invalid.map((r) => String(r.filename)));
    const values = recordValues(kind, context);
    const inserted = await warehouse.query(
      `${insertHead(warehouse, kind, context)} SELECT ${values}, filename FROM ${rawTable} WHERE filename NOT IN (SELECT filename FROM ${rawTable} WHERE NOT record_ok)`,
    );
    return { rows: Number(inserted[0]?.Count ?? 0), invalid: files.filter((f) => invalidPaths.has(f.path)) };
  } finally {
    await warehouse.run(`DROP TABLE IF EXISTS ${rawTable}`);
  }
}

/** The file an error names (the reader's, or ours): the longest of our paths the message contains. */
function failingFile(error: unknown, files: SourceFile[]): SourceFile | undefined {
  const message = error instanceof Error ? error.message : String(error);
  let best: SourceFile | undefined;
  for (const file of files) if (message.includes(file.path) && (!best || file.path.length > best.path.length)) best = file;
  return best ?? (files.length === 1 ? files[0] : undefined);
}
