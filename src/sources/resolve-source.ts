import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import { listLocalFiles } from './local-source.js';
import type { S3Progress } from './s3-source.js';
import type { SourceFiles } from './source-file.js';
import { isS3, sourceLocations } from './source-locations.js';

export { sourceLocations } from './source-locations.js';

export interface ResolveOptions {
  /** The warehouse reads S3 itself (Redshift COPY): list the objects, download nothing. */
  listOnly?: boolean;
  onDownload?: (progress: S3Progress) => void;
}

/** Lists the event and song files of the configured source. */
export async function resolveSource(config: Config, options: ResolveOptions = {}): Promise<SourceFiles> {
  if (options.listOnly) return (await import('./s3-listed-source.js')).listS3Source(config);
  const { logData, songData } = sourceLocations(config);
  if (isS3(logData) || isS3(songData)) {
    const { fetchS3Source } = await import('./s3-source.js');
    return fetchS3Source(config, logData, songData, { onProgress: options.onDownload });
  }
  const [events, songs] = await Promise.all([listLocalFiles(logData), listLocalFiles(songData)]);
  if (events.length === 0 && songs.length === 0) {
    throw new SparkifyError('SOURCE', `no .json files found under ${logData} or ${songData}`);
  }
  return { label: config.source ?? `${logData} + ${songData}`, events, songs };
}
