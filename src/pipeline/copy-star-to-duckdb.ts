import type { Config } from '../config/config.js';
import type { SqlParam, Warehouse } from '../engines/warehouse.js';
import { createTableSql } from '../sql/render-ddl.js';
import { starTables } from '../schema/tables.js';
import { qualified, quoteIdent } from '../sql/quote.js';

const pageRows = 50_000;
/** The unique key each star table is read in pages by (keyset paging: no OFFSET rescans). */
const pageKey: Record<string, string> = { songplays: 'songplay_id', users: 'user_id', songs: 'song_id', artists: 'artist_id', time: 'start_time' };

/**
 * An in-memory DuckDB holding a copy of another engine's star schema, streamed over in pages
 * of 50,000 rows: how PostgreSQL and Redshift reach DuckDB's Parquet writer. The caller closes it.
 */
export async function copyStarToDuckdb(source: Warehouse, config: Config, onTable?: (table: string, rows: number) => void): Promise<Warehouse> {
  const { openDuckdbWarehouse } = await import('../engines/duckdb/duckdb-warehouse.js');
  const scratch = await openDuckdbWarehouse({ ...config, target: 'duckdb', database: ':memory:', schema: 'main' });
  try {
    for (const table of starTables) {
      for (const sql of createTableSql(scratch.dialect, 'main', table)) await scratch.run(sql);
      const columns = table.columns.map((c) => c.name);
      const key = pageKey[table.name]!;
      let last: SqlParam = null;
      let copied = 0;
      for (;;) {
        // The engine types $1 from the key column it is compared with.
        const after = last === null ? '' : `WHERE ${quoteIdent(key)} > $1`;
        const rows = await source.query(
          `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${qualified(source.schema, table.name)} ${after} ORDER BY ${quoteIdent(key)} LIMIT ${pageRows}`,
          last === null ? [] : [last],
        );
        if (rows.length === 0) break;
        await scratch.bulkInsert!(
          table,
          columns,
          rows.map((r) => columns.map((c) => r[c] ?? null)),
        );
        copied += rows.length;
        last = rows[rows.length - 1]![key] ?? null;
        if (rows.length < pageRows) break;
      }
      onTable?.(table.name, copied);
    }
    return scratch;
  } catch (error) {
    await scratch.close();
    throw error;
  }
}
