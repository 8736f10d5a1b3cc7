import { rmSync } from 'node:fs';
import { eventFields, songFields } from '../../schema/record-fields.js';
import { stagingTables } from '../../schema/tables.js';
import { totalSize, type SourceFiles } from '../../sources/source-file.js';
import { qualified, quoteIdent, sqlString } from '../../sql/quote.js';
import type { ScratchStaging, Warehouse } from '../warehouse.js';

/** Above this many files a run's source_file stays text: the type would be a statement of megabytes. */
const enumMaxFiles = 20_000;
const scratchCatalog = 'sparkify_staging';

/** Scratch staging that also removes what it wrote beside the warehouse when the connection closes. */
export interface DuckdbScratchStaging extends ScratchStaging {
  discard(): Promise<void>;
}

/*
 * Staging out of the warehouse file, so a run writes its data there once: the star tables.
 * A run whose files fit in DuckDB's memory limit stages in temporary tables, kept in memory.
 * A bigger one would spill them through DuckDB's temporary folder (2.5 GB at 10 M events,
 * read back by every step); it stages instead into a database of its own beside the file,
 * `<file>.staging`, which DuckDB writes compressed while staging runs (0.2 GB at 10 M, and
 * a tenth slower to fill), attached for the run and deleted when the connection closes or,
 * after a crash, by the next run (BENCHMARKS.md). Same names and columns as the schema's
 * staging tables. `source_file` is an ENUM of the run's files, in byte order as text sorts:
 * two bytes a row instead of the path; the fields no later step reads are checked but not kept.
 */
export function duckdbScratchStaging(warehouse: Warehouse, file: string, memoryLimitBytes: number | undefined): DuckdbScratchStaging {
  const scratchFile = `${file}.staging`;
  let catalog = 'temp';
  let attached = false;
  const name = (table: string) => `${catalog}.main.${quoteIdent(table)}`;
  const removeScratchFile = () => {
    for (const path of [scratchFile, `${scratchFile}.wal`]) rmSync(path, { force: true });
  };
  const dropTables = async () => {
    for (const table of stagingTables) await warehouse.run(`DROP TABLE IF EXISTS ${name(table.name)}`);
  };
  const discard = async () => {
    if (!attached) return;
    attached = false;
    try {
      // Dropped first, DETACH has nothing to checkpoint into a file about to be deleted.
      await dropTables();
      await warehouse.run(`DETACH ${scratchCatalog}`);
    } finally {
      removeScratchFile();
      catalog = 'temp';
    }
  };
  return {
    name,
    holdsUnreadFields: false,
    async reset(files: SourceFiles) {
      const bytes = totalSize(files.events) + totalSize(files.songs);
      const inFile = file !== ':memory:' && (memoryLimitBytes === undefined || bytes > memoryLimitBytes);
      if (inFile && !attached) {
        await dropTables();
        removeScratchFile();
        // In the connection's storage format for new files (duckdb-storage-version.ts).
        await warehouse.run(`ATTACH ${sqlString(scratchFile)} AS ${scratchCatalog}`);
        attached = true;
        catalog = scratchCatalog;
      }
      if (!inFile) await discard();
      for (const table of stagingTables) {
        await warehouse.run(`DROP TABLE IF EXISTS ${name(table.name)}`);
        // Rows a --keep-staging run left in the file are scratch too.
        await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, table.name)}`);
        await warehouse.run(`CREATE ${inFile ? 'TABLE' : 'TEMP TABLE'} ${name(table.name)} AS SELECT * FROM ${qualified(warehouse.schema, table.name)} LIMIT 0`);
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
    discard,
  };
}
