import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableDef } from '../../schema/table-def.js';
import { duckdbTypes } from '../../sql/dialects/duckdb-dialect.js';
import { qualified, quoteIdent, sqlString } from '../../sql/quote.js';
import type { SqlParam, Warehouse } from '../warehouse.js';

/**
 * Many rows into a table at once: written as JSON lines to a temporary file and read back by
 * DuckDB in one statement — binding thousands of parameters per INSERT is much slower.
 */
export async function duckdbBulkInsert(warehouse: Warehouse, table: TableDef, columns: string[], rows: SqlParam[][]): Promise<void> {
  if (rows.length === 0) return;
  const dir = await mkdtemp(join(tmpdir(), 'sparkify-bulk-'));
  const file = join(dir, 'rows.ndjson');
  try {
    const out = createWriteStream(file, 'utf8');
    for (const row of rows) {
      const record = Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]));
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const types = columns.map((c) => {
      const type = table.columns.find((col) => col.name === c)?.type ?? 'text';
      return `${sqlString(c)}: '${duckdbTypes[type]}'`;
    });
    const names = columns.map(quoteIdent).join(', ');
    await warehouse.run(
      `INSERT INTO ${qualified(warehouse.schema, table.name)} (${names}) SELECT ${names} FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${types.join(', ')}})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
