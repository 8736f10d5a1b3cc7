import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import type { RecordKind } from '../schema/record-fields.js';

export const isS3 = (location: string): boolean => location.startsWith('s3://');

const under = (root: string, side: string) => (isS3(root) ? `${root.replace(/\/+$/, '')}/${side}` : join(root, side));

/** Where each side's files live: `--log-data`/`--song-data` override the `--source` layout. */
export function sourceLocations(config: Pick<Config, 'source' | 'logData' | 'songData'>): { logData: string; songData: string } {
  const logData = config.logData ?? (config.source ? under(config.source, 'log_data') : undefined);
  const songData = config.songData ?? (config.source ? under(config.source, 'song_data') : undefined);
  if (!logData || !songData) {
    throw new SparkifyError('CONFIG', 'no source given — pass --source DIR (with log_data/ and song_data/), or --log-data and --song-data, or set [LOCAL] SOURCE in dwh.cfg');
  }
  return { logData, songData };
}

export interface S3SourceLocations {
  logData: string | undefined;
  songData: string | undefined;
}

/**
 * Where a warehouse that reads S3 itself (Redshift COPY) finds each kind: --log-data/--song-data,
 * else the --source layout, else dwh.cfg [S3] LOG_DATA / SONG_DATA (the seeds' keys).
 */
export function s3SourceLocations(config: Config): S3SourceLocations {
  const root = (side: string) => (config.source ? `${config.source.replace(/\/+$/, '')}/${side}` : undefined);
  return {
    logData: config.logData ?? root('log_data') ?? config.s3.logData,
    songData: config.songData ?? root('song_data') ?? config.s3.songData,
  };
}

export const locationOf = (locations: S3SourceLocations, kind: RecordKind): string | undefined => (kind === 'events' ? locations.logData : locations.songData);
