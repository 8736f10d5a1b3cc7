import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import type { RecordKind } from '../schema/record-fields.js';

export const isS3 = (location: string): boolean => location.startsWith('s3://');

/** One side of a source: where its files are, and what the user gave that led there (for errors). */
export interface SourceSide {
  path: string;
  /** The folder given as the source, when the side is its log_data/ or song_data/. */
  root?: string;
  /** The setting that named it: `--source`, `[LOCAL] SOURCE in ./dwh.cfg (line 3)` … */
  origin: string;
}

const under = (root: string, side: string) => (isS3(root) ? `${root.replace(/\/+$/, '')}/${side}` : join(root, side));

/** Where each side's files live: `--log-data`/`--song-data` override the `--source` layout; event logs alone are a source. */
export function sourceLocations(config: Pick<Config, 'source' | 'logData' | 'songData' | 'origins'>): { events: SourceSide; songs: SourceSide | undefined } {
  const origin = (path: 'source' | 'logData' | 'songData', flag: string) => config.origins?.[path] ?? flag;
  const side = (path: 'logData' | 'songData', folder: string, flag: string): SourceSide | undefined => {
    const given = config[path];
    if (given) return { path: given, origin: origin(path, flag) };
    return config.source ? { path: under(config.source, folder), root: config.source, origin: origin('source', '--source') } : undefined;
  };
  const events = side('logData', 'log_data', '--log-data');
  const songs = side('songData', 'song_data', '--song-data');
  if (!events) {
    const only = songs ? ' (song files alone make no plays)' : '';
    throw new SparkifyError('CONFIG', `no source given${only} — pass --source DIR (with log_data/ and song_data/), or --log-data DIR, or set [LOCAL] SOURCE in dwh.cfg`);
  }
  return { events, songs };
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
