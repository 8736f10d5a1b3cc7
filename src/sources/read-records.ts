import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { gunzipSync, createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { RecordKind } from '../schema/record-fields.js';
import { scanObjects } from './scan-objects.js';

/** One candidate record of a file: its text and the line it starts on. */
export interface RawRecord {
  line: number;
  text: string;
}

const isGzip = (path: string) => path.endsWith('.gz');

function openText(path: string): Readable {
  const raw = createReadStream(path);
  return isGzip(path) ? raw.pipe(createGunzip()) : raw;
}

/** Event logs: one JSON object a line, streamed; BOM, CRLF and blank lines tolerated. */
async function* eventLines(path: string): AsyncGenerator<RawRecord> {
  const lines = createInterface({ input: openText(path).setEncoding('utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const clean = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (clean.trim() !== '') yield { line, text: clean };
  }
}

/** Event lines of a file already in memory (a small one, read ahead). */
function* eventLinesOf(text: string): Generator<RawRecord> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const clean = lines[i]!.replace(/\r$/, '');
    if (clean.trim() !== '') yield { line: i + 1, text: clean };
  }
}

/**
 * The candidate records of a file: event logs line by line, song files object by object
 * (one or several, possibly pretty-printed). `bytes` is the file when it was read ahead;
 * otherwise event logs are streamed so a large file never sits in memory whole.
 */
export async function* readRawRecords(kind: RecordKind, path: string, bytes?: Promise<Buffer>): AsyncGenerator<RawRecord> {
  if (kind === 'events' && !bytes) {
    yield* eventLines(path);
    return;
  }
  const raw = await (bytes ?? readFile(path));
  const text = (isGzip(path) ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
  yield* kind === 'events' ? eventLinesOf(text) : scanObjects(text);
}
