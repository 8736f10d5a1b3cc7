import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { songAt, songJson } from './catalog.js';

// Files written between two turns of the event loop (~20-40 ms of work).
const BATCH_FILES = 200;

export interface WrittenSongs {
  songs: number;
  files: number;
  bytes: number;
}

/** `A/B/C/TRABC....json` for a track id `TRABC...`, as in the Million Song Dataset. */
export function songFilePath(trackId: string): string {
  return `${trackId[2]}/${trackId[3]}/${trackId[4]}/${trackId}.json`;
}

/**
 * Writes the catalog: one song per file (the real layout) or `songsPerFile` songs a file, one
 * per line, the file named after its first track. Files are small, so each is written
 * synchronously, one open handle at a time (measured 3x faster than async writes, which pay
 * a thread-pool round trip for open, write and close each); the event loop gets a turn
 * between batches so a host process stays responsive.
 */
export async function writeSongs(songDir: string, seed: number, songs: number, songsPerFile: number, onProgress: (songs: number) => void): Promise<WrittenSongs> {
  const folders = new Set<string>();
  let files = 0;
  let bytes = 0;
  let done = 0;
  while (done < songs) {
    for (let batch = 0; batch < BATCH_FILES && done < songs; batch++) {
      const count = Math.min(songsPerFile, songs - done);
      let text = '';
      let path = '';
      for (let i = done; i < done + count; i++) {
        const song = songAt(seed, i, songs);
        if (i === done) path = join(songDir, songFilePath(song.trackId));
        text += count === 1 && songsPerFile === 1 ? songJson(song) : `${songJson(song)}\n`;
      }
      const folder = dirname(path);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      const data = Buffer.from(text, 'utf8');
      writeFileSync(path, data);
      bytes += data.length;
      files++;
      done += count;
    }
    onProgress(done);
    await nextTurn();
  }
  return { songs: done, files, bytes };
}
