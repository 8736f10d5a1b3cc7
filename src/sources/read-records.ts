import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return isGzip(path) ? raw.pipe(createGunzip()) : raw;
}

const isBlank = (text: string) => text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');

/**
 * Event logs: one JSON object a line, streamed in large chunks split on the newline byte
 * (several times faster than readline); BOM, CRLF and blank lines tolerated.
 */
async function* eventLines(path: string): AsyncGenerator<RawRecord> {
  let line = 0;
  let rest: Buffer = Buffer.alloc(0);
  const emit = (bytes: Buffer, start: number, end: number): RawRecord | undefined => {
    line += 1;
    const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    let text = bytes.toString('utf8', start, stop);
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    return isBlank(text) ? undefined : { line, text };
  };
  for await (const chunk of openText(path)) {
    const bytes: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
      const record = emit(bytes, start, newline);
      start = newline + 1;
      if (record) yield record;
    }
    rest = bytes.subarray(start);
  }
  if (rest.length > 0) {
    const record = emit(rest, 0, rest.length);
    if (record) yield record;
  }
}

/** Event lines of a file already in memory (a small one, read ahead). */
function* eventLinesOf(text: string): Generator<RawRecord> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const clean = lines[i]!.replace(/\r$/, '');
    if (!isBlank(clean)) yield { line: i + 1, text: clean };
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
