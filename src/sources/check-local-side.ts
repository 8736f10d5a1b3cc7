import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SparkifyError } from '../errors.js';
import type { SourceSide } from './source-locations.js';

/** "check --source", or "it is set by [LOCAL] SOURCE in …": points at what to fix. */
export function pointTo(origin: string): string {
  return origin.startsWith('--') || origin.startsWith('settings.') ? `check ${origin}` : `it is set by ${origin}`;
}

/** Fails with a message about what the user gave (the source folder, not its log_data/) when a local side is missing. */
export async function checkLocalSide(side: SourceSide): Promise<void> {
  if (await stat(resolve(side.path)).catch(() => undefined)) return;
  if (side.root !== undefined) {
    const root = resolve(side.root);
    const info = await stat(root).catch(() => undefined);
    if (!info) throw new SparkifyError('SOURCE', `source ${side.root} does not exist — ${pointTo(side.origin)}`);
    if (!info.isDirectory())
      throw new SparkifyError('SOURCE', `source ${side.root} is a file, not a folder — give the folder that holds log_data/ and song_data/, or the file itself as --log-data`);
    const folder = basename(side.path);
    throw new SparkifyError(
      'SOURCE',
      `source ${side.root} has no ${folder}/ folder — it should hold log_data/ and song_data/ (the Udacity layout); or name the folders with --log-data and --song-data`,
    );
  }
  throw new SparkifyError('SOURCE', `${side.path} does not exist — ${pointTo(side.origin)}`);
}
