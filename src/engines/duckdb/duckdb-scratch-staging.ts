import { rmSync } from 'node:fs';
import { eventFields, songFields } from '../../schema/record-fields.js';
import { stagingTables } from '../../schema/tables.js';
import type { SourceFiles } from '../../sources/source-file.js';
import { qualified, quoteIdent, sqlString } from '../../sql/quote.js';
import type { ScratchStaging, Warehouse } from '../warehouse.js';
import { newFileStorage } from './duckdb-storage-version.js';

/** Above this many files a run's source_file stays text: the type would be a statement of megabytes. */
const enumMaxFiles = 20_000;
const scratchCatalog = 'sparkify_staging';

/** Scratch staging that also removes what it wrote beside the warehouse when the connection closes. */
export interface DuckdbScratchStaging extends ScratchStaging {
  discard(): Promise<void>;
}

/*
 * Staging out of the warehouse file, so a run writes its data there once: the star tables.
 * Beside a file it is a database of its own, `<file>.staging`, attached for the run and
 * deleted when the connection closes (or by the next run, after a crash). DuckDB writes it
 * compressed while staging runs, so at 10 M events the transform reads 0.2 GB instead of
 * spilling 2.5 GB through its temporary folder (BENCHMARKS.md). An in-memory warehouse
 * stages in temporary tables. Same names and columns as the schema's staging tables.
 * `source_file` is an ENUM of the run's files, in byte order as text sorts: two bytes a row
 * instead of the path; the fields no later step reads are checked but not kept.
 */
export function duckdbScratchStaging(warehouse: Warehouse, file: string): DuckdbScratchStaging {
  const inMemory = file === ':memory:';
  const scratchFile = `${file}.staging`;
  const catalog = inMemory ? 'temp' : scratchCatalog;
  const name = (table: string) => `${catalog}.main.${quoteIdent(table)}`;
  let attached = false;
  const removeScratchFile = () => {
    for (const path of [scratchFile, `${scratchFile}.wal`]) rmSync(path, { force: true });
  };
  return {
    name,
    holdsUnreadFields: false,
    async reset(files: SourceFiles) {
      if (!inMemory && !attached) {
        removeScratchFile();
        await warehouse.run(`ATTACH ${sqlString(scratchFile)} AS ${scratchCatalog} (STORAGE_VERSION '${newFileStorage}')`);
        attached = true;
      }
      for (const table of stagingTables) {
        await warehouse.run(`DROP TABLE IF EXISTS ${name(table.name)}`);
        // Rows a --keep-staging run left in the file are scratch too.
        await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, table.name)}`);
        await warehouse.run(`CREATE ${inMemory ? 'TEMP TABLE' : 'TABLE'} ${name(table.name)} AS SELECT * FROM ${qualified(warehouse.schema, table.name)} LIMIT 0`);
        const events = table.name === 'staging_events';
        for (const field of (events ? eventFields : songFields).filter((f) => f.unreadAfterStaging)) {
          await warehouse.run(`ALTER TABLE ${name(table.name)} DROP COLUMN ${quoteIdent(field.column)}`);
        }
        const paths = (events ? files.events : files.songs).map((f) => f.path);
        if (paths.length > 0 && paths.length <= enumMaxFiles) {
          const sorted = [...new Set(paths)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
          await warehouse.run(`ALTER TABLE ${name(table.name)} ALTER COLUMN source_file TYPE ENUM(${sorted.map(sqlString).join(', ')})`);
        }
      }
    },
    async discard() {
      if (!attached) return;
      attached = false;
      try {
        await warehouse.run(`DETACH ${scratchCatalog}`);
      } finally {
        removeScratchFile();
      }
    },
  };
}
