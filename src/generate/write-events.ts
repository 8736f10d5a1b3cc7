import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ChunkedFile } from './chunked-file.js';
import type { EventStream } from './events.js';
import { dayIndex, dayStartMs, eventFilePath, type TimeFrame } from './time-frame.js';

const PROGRESS_EVERY = 1 << 16;

export interface WrittenEvents {
  events: number;
  files: number;
  bytes: number;
}

/** Writes the stream to `log_data/YYYY/MM/YYYY-MM-DD-events.json`, one file per day that has events. */
export async function writeEvents(logDir: string, stream: EventStream, frame: TimeFrame, onProgress: (events: number) => void): Promise<WrittenEvents> {
  let file: ChunkedFile | null = null;
  let files = 0;
  let bytes = 0;
  let dayEnd = -Infinity;
  try {
    while (!stream.done) {
      const line = stream.next();
      if (stream.ts >= dayEnd) {
        if (file !== null) {
          await file.close();
          bytes += file.bytes;
        }
        const day = dayIndex(frame, stream.ts);
        dayEnd = dayStartMs(frame, day + 1);
        const path = join(logDir, eventFilePath(dayStartMs(frame, day)));
        await mkdir(dirname(path), { recursive: true });
        file = await ChunkedFile.create(path);
        files++;
      }
      if ((file as ChunkedFile).append(line)) await (file as ChunkedFile).flush();
      if (stream.emitted % PROGRESS_EVERY === 0) onProgress(stream.emitted);
    }
    if (file !== null) {
      const last: ChunkedFile = file;
      file = null;
      await last.close();
      bytes += last.bytes;
    }
  } finally {
    if (file !== null) await file.close().catch(() => undefined);
  }
  onProgress(stream.emitted);
  return { events: stream.emitted, files, bytes };
}
