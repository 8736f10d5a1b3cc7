import type { RecordKind } from '../../schema/record-fields.js';
import { clipRaw, type Reject } from '../../sources/source-file.js';
import type { Row } from '../warehouse.js';

/*
 * Where Redshift records what COPY skipped. Provisioned clusters keep STL_LOAD_ERRORS, with
 * the raw line, keyed by pg_last_copy_id(); serverless has only SYS_LOAD_ERROR_DETAIL (no raw
 * line), keyed by the SYS query id of the session's last COPY.
 */
export type LoadErrorView = 'stl' | 'sys';

/** The id, in the view's own id space, of the last COPY this session ran. */
export function lastCopyIdSql(view: LoadErrorView): string {
  if (view === 'stl') return 'SELECT pg_last_copy_id() AS query_id';
  return `SELECT query_id FROM sys_query_history WHERE session_id = pg_backend_pid() AND query_type = 'COPY' ORDER BY start_time DESC LIMIT 1`;
}

/** The load errors of one COPY as file, line, column, code, reason, raw — one shape for both views. */
export function loadErrorsSql(view: LoadErrorView, queryId: number): string {
  const id = Math.trunc(queryId);
  if (view === 'stl') {
    return `SELECT TRIM(filename) AS file, line_number AS line, TRIM(colname) AS column_name, err_code AS code, TRIM(err_reason) AS reason, TRIM(raw_line) AS raw
FROM stl_load_errors WHERE query = ${id} ORDER BY filename, line_number`;
  }
  return `SELECT TRIM(file_name) AS file, line_number AS line, TRIM(column_name) AS column_name, error_code AS code, TRIM(error_message) AS reason, NULL AS raw
FROM sys_load_error_detail WHERE query_id = ${id} ORDER BY file_name, line_number`;
}

/** Rows scanned per file by one multi-file COPY (for load_manifest; lines, so exact for one-record-a-line logs). */
export function linesPerFileSql(view: LoadErrorView, queryId: number): string {
  const id = Math.trunc(queryId);
  if (view === 'stl') return `SELECT TRIM(filename) AS file, SUM(lines_scanned) AS n FROM stl_load_commits WHERE query = ${id} GROUP BY TRIM(filename)`;
  return `SELECT TRIM(file_name) AS file, SUM(lines_scanned) AS n FROM sys_load_detail WHERE query_id = ${id} GROUP BY TRIM(file_name)`;
}

const text = (value: Row[string] | undefined) => (value === null || value === undefined ? '' : String(value).trim());

/** One row of loadErrorsSql as the pipeline's Reject: the same report and load_errors table as the other engines. */
export function toReject(kind: RecordKind, row: Row, fallbackFile: string): Reject {
  const column = text(row.column_name);
  const code = text(row.code);
  const reason = `${column ? `column "${column}": ` : ''}${text(row.reason) || 'rejected by COPY'}${code ? ` (Redshift load error ${code})` : ''}`;
  const line = Number(row.line);
  const raw = text(row.raw);
  return { kind, file: text(row.file) || fallbackFile, line: Number.isFinite(line) && line > 0 ? line : null, reason, raw: raw ? clipRaw(raw) : null };
}
