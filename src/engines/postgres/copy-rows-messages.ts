import type { RecordKind } from '../../schema/record-fields.js';
import type { Reject } from '../../sources/source-file.js';
import type { FieldSighting } from '../../sources/unknown-fields.js';

/** What the copy-rows worker tells the staging side. */
export type ToStage =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'reject'; reject: Reject }
  | { type: 'unknown-fields'; kind: RecordKind; file: string; sightings: FieldSighting[] }
  | { type: 'file-done'; files: number; rows: number; bytes: number }
  | { type: 'done' };

/** What the staging side tells the worker: one chunk has been written to the COPY stream. */
export type ToWorker = { type: 'written' };
