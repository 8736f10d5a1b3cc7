import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { RecordKind } from '../../schema/record-fields.js';
import { totalSize, type SourceFile } from '../../sources/source-file.js';
import { copyStagingSql } from '../../sql/dialects/postgres-copy.js';
import type { StageContext, StageResult } from '../warehouse.js';
import { binaryCopyHeader, binaryCopyTrailer } from './copy-binary.js';
import type { ToStage, ToWorker } from './copy-rows-messages.js';
import { copyRowChunks } from './copy-rows.js';
import { loadCopyStreams } from './pg-modules.js';
import { stagingTypeMismatch } from './staging-types.js';

/** Below this much input, starting threads costs more than they save (the real sample, 3.6 MB: 0.1 s of thread start-up). */
const smallInputBytes = 8 * 1024 * 1024;

/** Chunks (64 KiB each) a worker may have sent before the COPY stream took them: enough to ride out the server's pauses. */
const maxChunksInFlight = 128;

/**
 * One `COPY … FROM STDIN` per kind, fed by worker threads that decode their share of the
 * files with the shared record rules (so rejects, with file, line and reason, are exactly
 * DuckDB's) and encode binary COPY rows; this thread writes the stream's header, their
 * chunks and the trailer to the socket.
 * Decoding on the main thread made it the bottleneck: it took longer than the server's COPY.
 */
export async function stageWithCopy(client: pg.Client, schema: string, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
  if (files.length === 0) return { rows: 0 };
  try {
    return await copyFiles(client, schema, kind, files, context);
  } catch (error) {
    // Asked only when a COPY fails: the happy path pays no round trip for it.
    throw (await stagingTypeMismatch(client, schema, kind).catch(() => undefined)) ?? error;
  }
}

async function copyFiles(client: pg.Client, schema: string, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<StageResult> {
  const copyStreams = loadCopyStreams();
  const copy = client.query(copyStreams.from(copyStagingSql(schema, kind)));
  copy.write(binaryCopyHeader);
  const threads = encoderThreads(files);
  if (threads === 0) return { rows: await copyOnThisThread(copy, kind, files, context) };
  const shares = shareFiles(files, threads);
  const workers: Worker[] = [];
  const filesDone = shares.map(() => 0);
  const rowsDone = shares.map(() => 0);
  const bytesDone = shares.map(() => 0);
  const totalBytes = totalSize(files);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        copy.destroy(error);
        reject(error);
      };
      copy.on('error', fail);
      let running = shares.length;
      shares.forEach((share, w) => {
        const worker = startWorker(kind, share);
        workers.push(worker);
        let done = false;
        worker.on('error', fail);
        worker.on('exit', (code) => done || fail(new Error(`the COPY encoder thread stopped early (exit code ${code})`)));
        worker.on('message', (message: ToStage) => {
          switch (message.type) {
            case 'chunk':
              copy.write(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), () => worker.postMessage({ type: 'written' } satisfies ToWorker));
              break;
            case 'reject':
              context.onReject(message.reject);
              break;
            case 'unknown-fields':
              context.onUnknownFields?.(message.kind, message.file, message.sightings);
              break;
            case 'file-done':
              filesDone[w] = message.files;
              rowsDone[w] = message.rows;
              bytesDone[w] = message.bytes;
              context.onProgress?.({ kind, files: sum(filesDone), totalFiles: files.length, rows: sum(rowsDone), bytes: sum(bytesDone), totalBytes });
              break;
            case 'done':
              done = true;
              if (--running > 0) break;
              copy.end(binaryCopyTrailer);
              copy.once('finish', resolve);
              break;
          }
        });
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { rows: copy.rowCount || sum(rowsDone) };
}

/** Small inputs: decoded and encoded right here, streamed into the COPY. */
async function copyOnThisThread(copy: NodeJS.WritableStream, kind: RecordKind, files: SourceFile[], context: StageContext): Promise<number> {
  const totalBytes = totalSize(files);
  let rows = 0;
  const listener = {
    onReject: context.onReject,
    onUnknownFields: context.onUnknownFields,
    onFileDone: (done: number, rowsDone: number, bytes: number) => {
      rows = rowsDone;
      context.onProgress?.({ kind, files: done, totalFiles: files.length, rows, bytes, totalBytes });
    },
  };
  await pipeline(Readable.from(endedWithTrailer(copyRowChunks(kind, files, listener))), copy);
  return rows;
}

async function* endedWithTrailer(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* chunks;
  yield binaryCopyTrailer;
}

/**
 * Encoder threads: one per core (this thread only forwards chunks). On 2 cores shared with
 * a local server, two threads still beat one (5.3 s against 5.5 s per 1M events): the
 * cores stay busy while one side waits. None for a small input. SPARKIFY_ENCODER_THREADS
 * overrides (0: none).
 */
function encoderThreads(files: SourceFile[]): number {
  const given = process.env.SPARKIFY_ENCODER_THREADS ? Number(process.env.SPARKIFY_ENCODER_THREADS) : NaN;
  if (Number.isInteger(given) && given >= 0) return Math.min(given, files.length);
  return totalSize(files) < smallInputBytes ? 0 : Math.min(availableParallelism(), files.length);
}

/** Files dealt out in turn, so each thread gets a similar share of a date-ordered listing. */
function shareFiles(files: SourceFile[], threads: number): SourceFile[][] {
  const shares: SourceFile[][] = Array.from({ length: threads }, () => []);
  files.forEach((file, i) => {
    shares[i % threads]!.push(file);
  });
  return shares;
}

/** A worker on the compiled module next to this one, or, from the TypeScript sources (the tests), on the source through tsx. */
function startWorker(kind: RecordKind, files: SourceFile[]): Worker {
  const workerData = { kind, files, maxChunksInFlight };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./copy-rows-worker.js', import.meta.url), { workerData });
  const script = new URL('./copy-rows-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}
