import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import { decodeFile } from '../../sources/decode-file.js';
import { withSmallFileContents } from '../../sources/small-file-contents.js';
import { clipRaw, type SourceFile } from '../../sources/source-file.js';
import { qualified, quoteIdent } from '../../sql/quote.js';
import type { StageContext, StageResult } from '../warehouse.js';
import { copyRowEncoder, copyText, UnencodableValue } from './copy-encode.js';

/** Characters gathered before one write to the COPY stream: few writes, bounded memory. */
const chunkChars = 1 << 16;

/** The COPY statement that fills the staging table of `kind`. */
export function copyStagingSql(schema: string, kind: RecordKind): string {
  const columns = [...fieldsOf(kind).map((f) => quoteIdent(f.column)), quoteIdent('source_file')].join(', ');
  return `COPY ${qualified(schema, stagingTableOf(kind))} (${columns}) FROM STDIN`;
}

/**
 * One `COPY … FROM STDIN` per kind, fed file by file from the shared decoder (small files
 * read ahead), so rejects (file, line, reason) are exactly DuckDB's; the stream waits for
 * the server when it is behind.
 */
export async function stageWithCopy(client: pg.Client, schema: string, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
  if (files.length === 0) return { rows: 0 };
  const { default: copyStreams } = await import('pg-copy-streams');
  const fields = fieldsOf(kind);
  const encode = copyRowEncoder(fields);
  let rows = 0;

  async function* copyChunks(): AsyncGenerator<string> {
    let chunk = '';
    let done = 0;
    for (const { file, bytes } of withSmallFileContents(files)) {
      const sourceFile = copyText(file.path);
      for await (const record of decodeFile(kind, file.path, context.onReject, bytes)) {
        try {
          chunk += encode(record.values, sourceFile);
        } catch (error) {
          if (!(error instanceof UnencodableValue)) throw error;
          const raw = clipRaw(JSON.stringify(Object.fromEntries(fields.map((f, i) => [f.key, record.values[i]]))));
          context.onReject({ kind, file: file.path, line: record.line, reason: error.message, raw });
          continue;
        }
        rows += 1;
        if (chunk.length >= chunkChars) {
          yield chunk;
          chunk = '';
        }
      }
      context.onProgress?.({ kind, files: ++done, totalFiles: files.length, rows });
    }
    if (chunk) yield chunk;
  }

  const copy = client.query(copyStreams.from(copyStagingSql(schema, kind)));
  await pipeline(copyChunks(), copy);
  return { rows: copy.rowCount || rows };
}
