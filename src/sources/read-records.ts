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

/** Song files: one or several JSON objects, possibly pretty-printed. */
async function* songObjects(path: string): AsyncGenerator<RawRecord> {
  const bytes = await readFile(path);
  const text = (isGzip(path) ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  yield* scanObjects(text);
}

export function readRawRecords(kind: RecordKind, path: string): AsyncGenerator<RawRecord> {
  return kind === 'events' ? eventLines(path) : songObjects(path);
}
