import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, as paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Each event log file with its parsed lines, in file order. */
export async function readEventFiles(outDir: string): Promise<{ path: string; events: Record<string, unknown>[] }[]> {
  const logDir = join(outDir, 'log_data');
  const out = [];
  for (const path of await listFiles(logDir)) {
    const text = await readFile(join(logDir, path), 'utf8');
    out.push({
      path,
      events: text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    });
  }
  return out;
}

/** Each song file with its parsed records (one a line). */
export async function readSongFiles(outDir: string): Promise<{ path: string; text: string; songs: Record<string, unknown>[] }[]> {
  const songDir = join(outDir, 'song_data');
  const out = [];
  for (const path of await listFiles(songDir)) {
    const text = await readFile(join(songDir, path), 'utf8');
    out.push({
      path,
      text,
      songs: text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    });
  }
  return out;
}
