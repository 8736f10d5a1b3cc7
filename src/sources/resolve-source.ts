import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import { listLocalFiles } from './local-source.js';
import type { S3Progress } from './s3-source.js';
import type { SourceFiles } from './source-file.js';

const isS3 = (location: string) => location.startsWith('s3://');

/** Where each side's files live: `--log-data`/`--song-data` override the `--source` layout. */
export function sourceLocations(config: Pick<Config, 'source' | 'logData' | 'songData'>): { logData: string; songData: string } {
  const join2 = (root: string, side: string) => (isS3(root) ? `${root.replace(/\/+$/, '')}/${side}` : join(root, side));
  const logData = config.logData ?? (config.source ? join2(config.source, 'log_data') : undefined);
  const songData = config.songData ?? (config.source ? join2(config.source, 'song_data') : undefined);
  if (!logData || !songData) {
    throw new SparkifyError('CONFIG', 'no source given — pass --source DIR (with log_data/ and song_data/), or --log-data and --song-data, or set [LOCAL] SOURCE in dwh.cfg');
  }
  return { logData, songData };
}

/** Lists the event and song files of the configured source. */
export async function resolveSource(config: Config, onDownload?: (progress: S3Progress) => void): Promise<SourceFiles> {
  // Redshift reads S3 itself (COPY): list the objects, download nothing.
  if (config.target === 'redshift') return (await import('../engines/redshift/s3-list-only.js')).listS3Source(config);
  const { logData, songData } = sourceLocations(config);
  if (isS3(logData) || isS3(songData)) {
    const { fetchS3Source } = await import('./s3-source.js');
    return fetchS3Source(config, logData, songData, { onProgress: onDownload });
  }
  const [events, songs] = await Promise.all([listLocalFiles(logData), listLocalFiles(songData)]);
  if (events.length === 0 && songs.length === 0) {
    throw new SparkifyError('SOURCE', `no .json files found under ${logData} or ${songData}`);
  }
  return { label: config.source ?? `${logData} + ${songData}`, events, songs };
}
