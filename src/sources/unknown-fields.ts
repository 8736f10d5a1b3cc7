import type { RecordKind } from '../schema/record-fields.js';

/** One key of one file that no staging column takes: how many records have it, and the first line (null when the engine cannot tell). */
export interface FieldSighting {
  field: string;
  records: number;
  firstLine: number | null;
}

/** Told once per file that has keys the warehouse does not load. */
export type OnUnknownFields = (kind: RecordKind, file: string, sightings: FieldSighting[]) => void;

/** Gathers the unknown keys of one file's records. */
export class FileSightings {
  private readonly byField = new Map<string, FieldSighting>();

  add(field: string, line: number | null): void {
    const seen = this.byField.get(field);
    if (seen) seen.records += 1;
    else this.byField.set(field, { field, records: 1, firstLine: line });
  }

  /** The sightings so far, or undefined when there are none. */
  list(): FieldSighting[] | undefined {
    return this.byField.size === 0 ? undefined : [...this.byField.values()];
  }
}

const knownSets = new WeakMap<readonly { key: string }[], Set<string>>();

/**
 * Notes the keys of `record` that are not among `fields`. `present` is how many of the fields
 * the record has (the decoder counts them anyway): a record with no more keys than that has no
 * unknown key, so the common case costs one pass over the keys and no lookups.
 */
export function noteUnknownKeys(record: object, fields: readonly { key: string }[], present: number, line: number | null, into: FileSightings): void {
  let keys = 0;
  for (const _ in record) keys += 1;
  if (keys === present) return;
  let known = knownSets.get(fields);
  if (!known) {
    known = new Set(fields.map((f) => f.key));
    knownSets.set(fields, known);
  }
  for (const key in record) if (!known.has(key)) into.add(key, line);
}
