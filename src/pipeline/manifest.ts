import type { Warehouse } from '../engines/warehouse.js';
import type { RecordKind } from '../schema/record-fields.js';
import { stagingTableOf } from '../schema/record-fields.js';
import type { SourceFile, SourceFiles } from '../sources/source-file.js';
import { qualified } from '../sql/quote.js';

const batch = 500;

/** The files not loaded before, or whose content tag changed since. */
export async function pendingFiles(warehouse: Warehouse, files: SourceFiles): Promise<SourceFiles> {
  const rows = await warehouse.query(`SELECT kind, source_file, content_tag FROM ${qualified(warehouse.schema, 'load_manifest')}`);
  const loaded = new Set(rows.map((r) => `${r.kind}\u0000${r.source_file}\u0000${r.content_tag}`));
  const isNew = (kind: RecordKind) => (f: SourceFile) => !loaded.has(`${kind}\u0000${f.path}\u0000${f.tag}`);
  return { ...files, events: files.events.filter(isNew('events')), songs: files.songs.filter(isNew('songs')) };
}

/** Records the staged files (with their row counts) as loaded; runs inside the publish transaction. */
export async function recordLoadedFiles(warehouse: Warehouse, files: SourceFiles, runId: string): Promise<void> {
  for (const kind of ['events', 'songs'] as const) {
    const list = files[kind];
    if (list.length === 0) continue;
    const counts = await (warehouse.stagedFileCounts?.(kind) ??
      warehouse.query(`SELECT source_file, COUNT(*) AS n FROM ${qualified(warehouse.schema, stagingTableOf(kind))} GROUP BY source_file`));
    const rows = new Map(counts.map((r) => [String(r.source_file), Number(r.n)]));
    for (let i = 0; i < list.length; i += batch) {
      const slice = list.slice(i, i + batch);
      await forgetFiles(warehouse, kind, slice);
      const values = slice.map((_, k) => `(${[1, 2, 3, 4, 5, 6].map((j) => `$${k * 6 + j}`).join(', ')})`);
      await warehouse.run(
        `INSERT INTO ${qualified(warehouse.schema, 'load_manifest')} (kind, source_file, size_bytes, content_tag, rows_loaded, run_id) VALUES ${values.join(', ')}`,
        slice.flatMap((f) => [kind, f.path, f.size, f.tag, rows.get(f.path) ?? 0, runId]),
      );
    }
  }
}

async function forgetFiles(warehouse: Warehouse, kind: RecordKind, files: SourceFile[]): Promise<void> {
  const marks = files.map((_, k) => `$${k + 2}`).join(', ');
  await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, 'load_manifest')} WHERE kind = $1 AND source_file IN (${marks})`, [
    kind,
    ...files.map((f) => f.path),
  ]);
}

/** Empties the star schema and the manifest, for `--full-refresh`. */
export async function clearWarehouse(warehouse: Warehouse): Promise<void> {
  for (const table of ['songplays', 'time', 'users', 'songs', 'artists', 'load_manifest']) {
    await warehouse.run(`DELETE FROM ${qualified(warehouse.schema, table)}`);
  }
}
