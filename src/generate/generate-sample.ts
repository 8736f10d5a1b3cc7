import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SparkifyError } from '../errors.js';
import { EventStream } from './events.js';
import { resolveOptions, type GenerateOptions } from './options.js';
import { hash32, seed32 } from './random.js';
import { timeFrame } from './time-frame.js';
import { writeEvents } from './write-events.js';
import { writeSongs } from './write-songs.js';

/** What `generateSample` wrote. */
export interface GenerateResult {
  outDir: string;
  events: number;
  songs: number;
  eventFiles: number;
  songFiles: number;
  bytes: number;
}

const MS_OFFSET = 51;

async function assertEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new SparkifyError('USAGE', `${dir} already holds files; choose another output folder or delete it first, so no stale file mixes in`);
  }
}

/**
 * Writes a synthetic Sparkify sample in the Udacity layout: `song_data/` (the catalog) and
 * `log_data/` (eventsim-like logs, one file a day), byte-identical for the same options.
 * Memory stays bounded whatever the sizes: songs are computed from their index and events
 * are streamed to disk in time order.
 */
export async function generateSample(options: GenerateOptions): Promise<GenerateResult> {
  const o = resolveOptions(options);
  const logDir = join(o.outDir, 'log_data');
  const songDir = join(o.outDir, 'song_data');
  await assertEmpty(logDir);
  await assertEmpty(songDir);

  let songsDone = 0;
  let eventsDone = 0;
  const report = (): void => o.onProgress?.({ events: eventsDone, songs: songsDone });

  const songs = await writeSongs(songDir, o.seed, o.songs, o.songsPerFile, (n) => {
    songsDone = n;
    report();
  });
  const frame = timeFrame(o.startDate, o.days, hash32(seed32(o.seed), MS_OFFSET) % 1000);
  const stream = new EventStream({ seed: o.seed, events: o.events, users: o.users, songs: o.songs, matchShare: o.matchShare, frame });
  const events = await writeEvents(logDir, stream, frame, (n) => {
    eventsDone = n;
    report();
  });
  return {
    outDir: o.outDir,
    events: events.events,
    songs: songs.songs,
    eventFiles: events.files,
    songFiles: songs.files,
    bytes: events.bytes + songs.bytes,
  };
}
