import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import { checkLocalSide } from './check-local-side.js';
import { listLocalFiles } from './local-source.js';
import type { DateWindow } from './date-window.js';
import type { S3Progress } from './s3-source.js';
import type { SourceFiles } from './source-file.js';
import { isS3, sourceLocations, type SourceSide } from './source-locations.js';

export { sourceLocations } from './source-locations.js';

export interface ResolveOptions {
  /** The warehouse reads S3 itself (Redshift COPY): list the objects, download nothing. */
  listOnly?: boolean;
  onDownload?: (progress: S3Progress) => void;
  /** A backfill: on S3, list only the window's month folders of log_data and fetch only its days. */
  window?: DateWindow;
}

const onS3 = (side: SourceSide | undefined) => side !== undefined && isS3(side.path);

/** Fails, naming what the user gave, when a local source is missing; run before anything is created. */
export async function checkSource(config: Config): Promise<void> {
  if (!config.source && !config.logData && !config.songData) return;
  const { events, songs } = sourceLocations(config);
  for (const side of [events, songs]) if (side && !onS3(side)) await checkLocalSide(side);
}

/** Lists the event and song files of the configured source. */
export async function resolveSource(config: Config, options: ResolveOptions = {}): Promise<SourceFiles> {
  if (options.listOnly) return (await import('./s3-listed-source.js')).listS3Source(config);
  const { events, songs } = sourceLocations(config);
  if (onS3(events) || onS3(songs)) {
    const { fetchS3Source } = await import('./s3-source.js');
    return withWarnings(await fetchS3Source(config, events.path, songs?.path, { onProgress: options.onDownload, ...(options.window ? { logWindow: options.window } : {}) }), songs);
  }
  await checkSource(config);
  const [eventFiles, songFiles] = await Promise.all([listLocalFiles(events.path), songs ? listLocalFiles(songs.path) : []]);
  if (eventFiles.length === 0 && songFiles.length === 0) {
    throw new SparkifyError('SOURCE', `no .json or .json.gz files found under ${events.path}${songs ? ` or ${songs.path}` : ''}`);
  }
  const label = config.source ?? (songs ? `${events.path} + ${songs.path}` : events.path);
  return withWarnings({ label, events: eventFiles, songs: songFiles }, songs, events.path);
}

/** What a run can go on with but the user should hear about: no songs means no song matches, no events means no plays. */
function withWarnings(files: SourceFiles, songs: SourceSide | undefined, eventsPath?: string): SourceFiles {
  const warnings = [...(files.warnings ?? [])];
  if (!songs) warnings.push('no song data given: songplays will match no song or artist — add --song-data DIR, or use --source with song_data/ inside');
  else if (files.songs.length === 0) warnings.push(`no song files found under ${songs.path}: songplays will match no song or artist`);
  if (eventsPath && files.events.length === 0) warnings.push(`no event files found under ${eventsPath}: there are no plays to load`);
  return warnings.length ? { ...files, warnings } : files;
}
