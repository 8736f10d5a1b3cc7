import type { RecordKind } from '../schema/record-fields.js';

/** A file to load, with what incremental loads need to notice a change. */
export interface SourceFile {
  path: string;
  size: number;
  /** Content tag: ETag for S3, `mtime-size` for local files. */
  tag: string;
}

/** What a source resolves to: the files of each kind and a label for reports. */
export interface SourceFiles {
  label: string;
  events: SourceFile[];
  songs: SourceFile[];
  /** What the run can go on with but the user should hear (no song files, say). */
  warnings?: string[];
}

/** One record that could not be loaded. */
export interface Reject {
  kind: RecordKind;
  file: string;
  /** 1-based line where the record starts; null when the engine cannot tell. */
  line: number | null;
  reason: string;
  raw: string | null;
}

/** The files' bytes in all. */
export function totalSize(files: readonly { size: number }[]): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

/** The bytes of the first n files, for any n, in constant time (progress asks after every file). */
export function sizeOfFirst(files: readonly { size: number }[]): (n: number) => number {
  const sums = [0];
  for (const f of files) sums.push(sums[sums.length - 1]! + f.size);
  return (n) => sums[Math.min(n, files.length)]!;
}

export const maxRawLength = 2000;

export function clipRaw(raw: string): string {
  return raw.length > maxRawLength ? `${raw.slice(0, maxRawLength)}…` : raw;
}
