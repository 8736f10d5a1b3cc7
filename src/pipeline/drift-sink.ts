import type { SqlParam, Warehouse } from '../engines/warehouse.js';
import type { RecordKind } from '../schema/record-fields.js';
import { readRawRecordBatches } from '../sources/read-records.js';
import type { SourceFiles } from '../sources/source-file.js';
import type { FieldSighting } from '../sources/unknown-fields.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** One field present in the data but not loaded, over a whole run. */
export interface DriftEntry {
  kind: RecordKind;
  field: string;
  records: number;
  firstFile: string;
  firstLine: number | null;
}

/**
 * Gathers the engines' per-file sightings of unknown keys into one entry per field: records
 * summed, "first" being the earliest file in listing order (engines report files in any order).
 */
export class DriftSink {
  private readonly order = new Map<string, number>();
  private readonly entries = new Map<string, DriftEntry & { rank: number }>();

  constructor(files: SourceFiles) {
    [...files.songs, ...files.events].forEach((f, i) => {
      this.order.set(f.path, i);
    });
  }

  readonly add = (kind: RecordKind, file: string, sightings: FieldSighting[]): void => {
    const rank = this.order.get(file) ?? Number.MAX_SAFE_INTEGER;
    for (const s of sightings) {
      const key = `${kind}\u0000${s.field}`;
      const entry = this.entries.get(key);
      if (!entry) this.entries.set(key, { kind, field: s.field, records: s.records, firstFile: file, firstLine: s.firstLine, rank });
      else {
        entry.records += s.records;
        if (rank < entry.rank) Object.assign(entry, { firstFile: file, firstLine: s.firstLine, rank });
      }
    }
  };

  /** The entries, by kind and field, with every first line found (an engine that could not tell it leaves it to this). */
  async result(): Promise<DriftEntry[]> {
    const list = [...this.entries.values()].sort((a, b) => (a.kind + a.field < b.kind + b.field ? -1 : 1));
    for (const entry of list) if (entry.firstLine === null) entry.firstLine = await firstLineWith(entry.kind, entry.firstFile, entry.field);
    return list.map(({ kind, field, records, firstFile, firstLine }) => ({ kind, field, records, firstFile, firstLine }));
  }

  static async write(warehouse: Warehouse, runId: string, entries: DriftEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const params: SqlParam[] = entries.flatMap((e) => [runId, e.kind, e.field, e.records, e.firstFile, e.firstLine]);
    await warehouse.run(bookkeepingSql(warehouse.schema).drift.insert(entries.length), params);
  }
}

/** The line of the first record of `file` with key `field`; null when the file cannot be read here (on S3 only). */
async function firstLineWith(kind: RecordKind, file: string, field: string): Promise<number | null> {
  const quoted = JSON.stringify(field);
  try {
    for await (const batch of readRawRecordBatches(kind, file)) {
      let found: number | null = null;
      batch.forEach((raw) => {
        if (found !== null || !raw.text.includes(quoted)) return;
        try {
          const parsed = JSON.parse(raw.text) as Record<string, unknown>;
          if (typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, field)) found = raw.line;
        } catch {
          // Not a record the engine loaded.
        }
      });
      if (found !== null) return found;
    }
  } catch {
    return null;
  }
  return null;
}
