import type { RecordKind } from '../schema/record-fields.js';
import { stagingTableOf } from '../schema/record-fields.js';
import { countsSql } from './counts.js';
import { tableNames, type TableNames } from './table-names.js';

/** `($1, $2, …), (…)`: placeholders for `rows` rows of `width` values, numbered from `first`. */
export function valueRows(rows: number, width: number, first = 1): string {
  return Array.from({ length: rows }, (_, row) => `(${Array.from({ length: width }, (_, col) => `$${first + row * width + col}`).join(', ')})`).join(', ');
}

/**
 * The SQL of the pipeline's own records — etl_runs, load_manifest, load_errors, the counts —
 * in the subset every engine shares; the pipeline only binds the values.
 */
export function bookkeepingSql(schema: string, t: TableNames = tableNames(schema)) {
  return {
    runs: {
      /** $1 run_id, $2 target, $3 source, $4 started (UTC text). */
      open: `INSERT INTO ${t('etl_runs')} (run_id, started_at, target, source, status) VALUES ($1, CAST($4 AS TIMESTAMP), $2, $3, 'running')`,
      /** $1 run_id, $2 files, $3 rejects, $4 summary JSON, $5 finished (UTC text). */
      succeed: `UPDATE ${t('etl_runs')} SET status = 'succeeded', finished_at = CAST($5 AS TIMESTAMP), files = $2, rejects = $3, summary_json = $4 WHERE run_id = $1`,
      /** $1 run_id, $2 error, $3 finished (UTC text), $4 files, $5 rejects. */
      fail: `UPDATE ${t('etl_runs')} SET status = 'failed', finished_at = CAST($3 AS TIMESTAMP), error = $2, files = $4, rejects = $5 WHERE run_id = $1`,
      /** $1 run_id, $2 what stopped it and where, $3 finished (UTC text). */
      interrupt: `UPDATE ${t('etl_runs')} SET status = 'interrupted', finished_at = CAST($3 AS TIMESTAMP), error = $2 WHERE run_id = $1`,
      abandonStale: `UPDATE ${t('etl_runs')} SET status = 'abandoned', error = 'the process ended before the run finished' WHERE status = 'running'`,
      /** $1 how many; the latest first. */
      latest: `SELECT run_id, status, started_at, finished_at, source, files, rejects, error FROM ${t('etl_runs')} ORDER BY started_at DESC, run_id DESC LIMIT $1`,
      /** $1 run_id. */
      exists: `SELECT run_id FROM ${t('etl_runs')} WHERE run_id = $1`,
      latestWithRejects: `SELECT r.run_id FROM ${t('etl_runs')} r WHERE EXISTS (SELECT 1 FROM ${t('load_errors')} e WHERE e.run_id = r.run_id)
ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1`,
      lastSucceeded: `SELECT run_id, started_at, finished_at, source, summary_json FROM ${t('etl_runs')}
WHERE status = 'succeeded' ORDER BY finished_at DESC, started_at DESC LIMIT 1`,
      /** $1 the succeeded run's id. */
      failedSince: `SELECT run_id, started_at, error FROM ${t('etl_runs')}
WHERE status = 'failed' AND started_at > (SELECT started_at FROM ${t('etl_runs')} WHERE run_id = $1)
ORDER BY started_at DESC LIMIT 1`,
    },
    manifest: {
      loaded: `SELECT kind, source_file, content_tag FROM ${t('load_manifest')}`,
      /** $1 kind. */
      pathsOfKind: `SELECT source_file FROM ${t('load_manifest')} WHERE kind = $1`,
      columns: ['kind', 'source_file', 'size_bytes', 'content_tag', 'rows_loaded', 'run_id'],
      insert: (rows: number) => `INSERT INTO ${t('load_manifest')} (kind, source_file, size_bytes, content_tag, rows_loaded, run_id) VALUES ${valueRows(rows, 6)}`,
      /** $1 kind, then `paths` file paths. */
      forget: (paths: number) => `DELETE FROM ${t('load_manifest')} WHERE kind = $1 AND source_file IN (${Array.from({ length: paths }, (_, i) => `$${i + 2}`).join(', ')})`,
    },
    rejects: {
      insert: (rows: number) => `INSERT INTO ${t('load_errors')} (run_id, kind, source_file, line_number, reason, raw_line) VALUES ${valueRows(rows, 6)}`,
      /** `where` binds its own parameters ($1 run_id first). */
      count: (where: string) => `SELECT COUNT(*) AS n FROM ${t('load_errors')} WHERE ${where}`,
      page: (where: string, limit: number) =>
        `SELECT kind, source_file, line_number, reason, raw_line FROM ${t('load_errors')} WHERE ${where}
ORDER BY kind, source_file, line_number LIMIT ${Math.floor(limit)}`,
      /** $1 run_id. */
      reasons: `SELECT kind, reason, COUNT(*) AS n FROM ${t('load_errors')} WHERE run_id = $1
GROUP BY kind, reason ORDER BY n DESC, kind, reason`,
    },
    sources: {
      all: `SELECT source FROM ${t('warehouse_sources')} ORDER BY source`,
      forgetAll: `DELETE FROM ${t('warehouse_sources')}`,
      /** $1 source. */
      count: `SELECT COUNT(*) AS n FROM ${t('warehouse_sources')} WHERE source = $1`,
      /** $1 source, $2 run_id. */
      add: `INSERT INTO ${t('warehouse_sources')} (source, run_id) VALUES ($1, $2)`,
    },
    drift: {
      insert: (rows: number) => `INSERT INTO ${t('schema_drift')} (run_id, kind, field, records, first_file, first_line) VALUES ${valueRows(rows, 6)}`,
      /** $1 run_id. */
      ofRun: `SELECT kind, field, records, first_file, first_line FROM ${t('schema_drift')} WHERE run_id = $1 ORDER BY kind, field`,
    },
    staging: {
      empty: (kind: RecordKind) => `DELETE FROM ${t(stagingTableOf(kind))}`,
      rowsPerFile: (kind: RecordKind) => `SELECT source_file, COUNT(*) AS n FROM ${t(stagingTableOf(kind))} GROUP BY source_file`,
    },
    count: (table: string) => `SELECT COUNT(*) AS n FROM ${t(table)}`,
    /** The rows of each table (part: its name) and the plays matched to a song (part `matched`): one round trip, which on a small run costs more than the counts. */
    counts: (tables: string[]) =>
      countsSql([...tables.map((table) => ({ part: table, from: t(table) })), { part: 'matched', from: `${t('songplays')} WHERE song_id IS NOT NULL` }]),
    empty: (table: string) => `DELETE FROM ${t(table)}`,
    /** Selects nothing: fails only when one of the tables is missing. */
    probe: (tables: string[]) => tables.map((table) => `SELECT 1 FROM ${t(table)} WHERE 1 = 0`).join(' UNION ALL '),
  };
}
