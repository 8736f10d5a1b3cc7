import { readFile } from 'node:fs/promises';
import type { SourceFile } from './source-file.js';

/** Files up to this size are read whole, ahead of use; larger ones are streamed when their turn comes. */
const wholeFileLimit = 4 * 1024 * 1024;

export interface AheadFile {
  file: SourceFile;
  bytes: Promise<Buffer> | undefined;
}

/**
 * Yields the files in order while keeping up to `depth` small ones being read: 100,000
 * one-song files load at disk speed instead of one read round-trip at a time.
 */
export async function* readAhead(files: SourceFile[], depth = 64): AsyncGenerator<AheadFile> {
  const queue: AheadFile[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && queue.length < depth) {
      const file = files[next++]!;
      const bytes = file.size <= wholeFileLimit ? readFile(file.path) : undefined;
      // A failed read is reported when the file's turn comes, not as an unhandled rejection now.
      bytes?.catch(() => undefined);
      queue.push({ file, bytes });
    }
  };
  fill();
  while (queue.length > 0) {
    const head = queue.shift()!;
    fill();
    yield head;
  }
}
