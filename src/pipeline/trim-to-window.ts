import type { Warehouse } from '../engines/warehouse.js';
import { dayAfter, type DateWindow } from '../sources/date-window.js';
import type { SourceFiles } from '../sources/source-file.js';
import type { TableNames } from '../sql/table-names.js';
import { windowSql } from '../sql/window-sql.js';

/** What a window left out of one run. */
export interface WindowOutcome {
  from: string;
  to: string;
  /** Staged events outside the window, dropped before the transform. */
  outside: number;
  /** Event files with such events: not marked loaded, so a later plain etl loads the rest of them. */
  partialFiles: number;
}

/**
 * Drops the staged events outside the window and returns the files safe to mark as loaded:
 * every song file, and the event files all of whose events were inside. When the engine could
 * not record which file a row came from (Redshift bulk COPY), no event file is marked.
 */
export async function trimToWindow(warehouse: Warehouse, files: SourceFiles, window: DateWindow, names?: TableNames): Promise<{ complete: SourceFiles; outcome: WindowOutcome }> {
  const sql = windowSql(warehouse.schema, window.from, dayAfter(window.to), names);
  const rows = await warehouse.query(sql.outsidePerFile);
  const partial = new Set(rows.map((r) => (r.source_file === null ? null : String(r.source_file))));
  const outside = rows.reduce((sum, r) => sum + Number(r.n), 0);
  if (outside > 0) await warehouse.run(sql.trim);
  const events = partial.has(null) ? [] : files.events.filter((f) => !partial.has(f.path));
  return {
    complete: { ...files, events },
    outcome: { from: window.from, to: window.to, outside, partialFiles: files.events.length - events.length },
  };
}
