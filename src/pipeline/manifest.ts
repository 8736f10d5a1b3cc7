import type { SqlParam, Warehouse } from '../engines/warehouse.js';
import type { RecordKind } from '../schema/record-fields.js';
import { loadManifest } from '../schema/tables.js';
import type { SourceFile, SourceFiles } from '../sources/source-file.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';
import { tableNames, type TableNames } from '../sql/table-names.js';

const batch = 500;
const sqlOf = (warehouse: Warehouse) => bookkeepingSql(warehouse.schema);

/** The files not loaded before, or whose content tag changed since. */
export async function pendingFiles(warehouse: Warehouse, files: SourceFiles): Promise<SourceFiles> {
  const rows = await warehouse.query(sqlOf(warehouse).manifest.loaded);
  const loaded = new Set(rows.map((r) => `${r.kind}\u0000${r.source_file}\u0000${r.content_tag}`));
  const isNew = (kind: RecordKind) => (f: SourceFile) => !loaded.has(`${kind}\u0000${f.path}\u0000${f.tag}`);
  return { ...files, events: files.events.filter(isNew('events')), songs: files.songs.filter(isNew('songs')) };
}

/** Records the staged files (with their row counts) as loaded; runs inside the publish transaction. */
export async function recordLoadedFiles(warehouse: Warehouse, files: SourceFiles, runId: string, names: TableNames = tableNames(warehouse.schema)): Promise<void> {
  for (const kind of ['events', 'songs'] as const) {
    const list = files[kind];
    if (list.length === 0) continue;
    const counts = await (warehouse.stagedFileCounts?.(kind) ?? warehouse.query(bookkeepingSql(warehouse.schema, names).staging.rowsPerFile(kind)));
    const rows = new Map(counts.map((r) => [String(r.source_file), Number(r.n)]));
    await forgetChangedFiles(warehouse, kind, list);
    const values: SqlParam[][] = list.map((f) => [kind, f.path, f.size, f.tag, rows.get(f.path) ?? 0, runId]);
    if (warehouse.bulkInsert) await warehouse.bulkInsert(loadManifest, sqlOf(warehouse).manifest.columns, values);
    else await insertInBatches(warehouse, values);
  }
}

async function insertInBatches(warehouse: Warehouse, values: SqlParam[][]): Promise<void> {
  for (let i = 0; i < values.length; i += batch) {
    const slice = values.slice(i, i + batch);
    await warehouse.run(sqlOf(warehouse).manifest.insert(slice.length), slice.flat());
  }
}

/** Drops the old entries of files loaded before whose content changed (new files have none). */
async function forgetChangedFiles(warehouse: Warehouse, kind: RecordKind, files: SourceFile[]): Promise<void> {
  const known = await warehouse.query(sqlOf(warehouse).manifest.pathsOfKind, [kind]);
  const knownPaths = new Set(known.map((r) => String(r.source_file)));
  const changed = files.filter((f) => knownPaths.has(f.path));
  for (let i = 0; i < changed.length; i += batch) {
    const slice = changed.slice(i, i + batch);
    await warehouse.run(sqlOf(warehouse).manifest.forget(slice.length), [kind, ...slice.map((f) => f.path)]);
  }
}

/** Empties the star schema and the manifest, for `--full-refresh`. */
export async function clearWarehouse(warehouse: Warehouse): Promise<void> {
  for (const table of ['songplays', 'time', 'users', 'songs', 'artists', 'level_changes', 'unmatched_plays', 'user_level_events', 'user_levels', 'load_manifest']) {
    await warehouse.run(sqlOf(warehouse).empty(table));
  }
}
