import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { stagingColumn, stagingTableOf, storedFields, type RecordField, type RecordKind } from '../../schema/record-fields.js';
import { decodeFile } from '../../sources/decode-file.js';
import { withSmallFileContents } from '../../sources/small-file-contents.js';
import type { SourceFile } from '../../sources/source-file.js';
import { duckdbTypes } from '../../sql/dialects/duckdb-dialect.js';
import { qualified, quoteIdent, sqlString } from '../../sql/quote.js';
import type { StageContext, Warehouse } from '../warehouse.js';

// The file holds times as epoch milliseconds (cheaper to write than text); the insert converts them.
const fileTypeOf = (field: RecordField) => (field.kind === 'epoch_ms' ? 'BIGINT' : duckdbTypes[stagingColumn(field).type]);

/**
 * The careful path: the TypeScript decoder reads each file (lines, reasons), the valid
 * records go to a temporary JSON-lines file already in column form, and DuckDB loads that.
 */
export async function stageDecodedFiles(
  warehouse: Warehouse,
  kind: RecordKind,
  files: SourceFile[],
  context: StageContext,
  onFileDone: (files: number, rows: number) => void,
): Promise<number> {
  const fields = storedFields(kind, context.stagesUnreadFields !== false);
  const dir = await mkdtemp(join(tmpdir(), 'sparkify-stage-'));
  const tmp = join(dir, 'records.ndjson');
  let rows = 0;
  try {
    const out = createWriteStream(tmp, 'utf8');
    // Lines are gathered into ~1 MB writes: one write per record costs more than the record.
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async () => {
      if (pending.length > 0 && !out.write(pending.join(''))) await once(out, 'drain');
      pending = [];
      pendingLength = 0;
    };
    let done = 0;
    for (const { file, bytes } of withSmallFileContents(files)) {
      context.signal?.throwIfAborted();
      for await (const record of decodeFile(kind, file.path, context.onReject, bytes, context.onUnknownFields)) {
        const row: Record<string, unknown> = { source_file: file.path };
        for (const { field, index } of fields) row[field.column] = record.values[index];
        const line = `${JSON.stringify(row)}\n`;
        pending.push(line);
        pendingLength += line.length;
        if (pendingLength >= 1 << 20) await flush();
        rows += 1;
      }
      onFileDone(++done, rows);
    }
    await flush();
    out.end();
    await once(out, 'finish');
    if (rows === 0) return 0;
    const columns = [...fields.map(({ field }) => `${sqlString(field.column)}: '${fileTypeOf(field)}'`), `'source_file': 'VARCHAR'`].join(', ');
    const values = fields.map(({ field }) => (field.kind === 'epoch_ms' ? `epoch_ms(${quoteIdent(field.column)})` : quoteIdent(field.column)));
    const names = [...fields.map(({ field }) => quoteIdent(field.column)), 'source_file'];
    await warehouse.run(
      `INSERT INTO ${context.stagingTable?.(kind) ?? qualified(warehouse.schema, stagingTableOf(kind))} (${names.join(', ')}) SELECT ${[...values, 'source_file'].join(', ')} FROM read_json(${sqlString(tmp)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = 67108864)`,
    );
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
