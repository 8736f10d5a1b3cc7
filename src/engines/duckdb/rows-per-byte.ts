import { closeSync, openSync, readSync } from 'node:fs';
import type { RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';

const sampleBytes = 64 * 1024;

/**
 * Records per source byte, from the start of the first file: DuckDB reports how far a statement
 * has got but not how many rows it has read, so the progress line shows rows estimated from bytes.
 * Event logs hold one record a line; song files one object each (or a few).
 */
export function rowsPerByte(kind: RecordKind, files: SourceFile[]): number {
  const first = files[0];
  if (!first || first.size === 0 || first.path.endsWith('.gz')) return 0;
  const buffer = Buffer.alloc(Math.min(sampleBytes, first.size));
  let fd: number | undefined;
  try {
    fd = openSync(first.path, 'r');
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const records = kind === 'events' ? text.split('\n').filter((line) => line.trim() !== '').length : Math.max(1, text.split('"song_id"').length - 1);
    // A partial last line counts as one: fine for an estimate.
    return records / read;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
