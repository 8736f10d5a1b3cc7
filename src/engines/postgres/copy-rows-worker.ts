import { parentPort, workerData } from 'node:worker_threads';
import type { RecordKind } from '../../schema/record-fields.js';
import type { Reject, SourceFile } from '../../sources/source-file.js';
import type { FieldSighting } from '../../sources/unknown-fields.js';
import { copyRowChunks } from './copy-rows.js';
import type { ToStage, ToWorker } from './copy-rows-messages.js';

/*
 * Runs copyRowChunks off the main thread, so decoding and encoding overlap with the
 * socket writes (and with the server, on a machine with cores to spare). A chunk is sent
 * only while fewer than `maxChunksInFlight` wait to be written: memory stays bounded when
 * the server is the slower side.
 */

const { kind, files, maxChunksInFlight } = workerData as { kind: RecordKind; files: SourceFile[]; maxChunksInFlight: number };
const port = parentPort!;
const post = (message: ToStage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (message: ToWorker) => {
  if (message.type !== 'written') return;
  inFlight -= 1;
  wake?.();
});

const listener = {
  onReject: (reject: Reject) => post({ type: 'reject', reject }),
  onUnknownFields: (kind: RecordKind, file: string, sightings: FieldSighting[]) => post({ type: 'unknown-fields', kind, file, sightings }),
  onFileDone: (done: number, rows: number, bytes: number) => post({ type: 'file-done', files: done, rows, bytes }),
};
for await (const chunk of copyRowChunks(kind, files, listener)) {
  while (inFlight >= maxChunksInFlight) await new Promise<void>((resolve) => (wake = resolve));
  inFlight += 1;
  // Each chunk is the only view of its memory (BinaryRowWriter), so it moves without a copy.
  post({ type: 'chunk', bytes: chunk }, [chunk.buffer as ArrayBuffer]);
}
post({ type: 'done' });
port.close();
