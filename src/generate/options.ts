import { SparkifyError } from '../errors.js';
import { isIsoDate } from './time-frame.js';
import { defaultUserCount } from './users.js';

/** What to generate and where. */
export interface GenerateOptions {
  /** Folder that receives `log_data/` and `song_data/`; both must be absent or empty. */
  outDir: string;
  /** Event lines in total, over all days. */
  events: number;
  /** Songs in the catalog (song_data). */
  songs: number;
  /** Same seed and options, same bytes. */
  seed: number;
  /** Listeners; default about one per hundred events. */
  users?: number;
  /** First day, YYYY-MM-DD (UTC); default '2018-11-01'. */
  startDate?: string;
  /** Days of logs; default 30. */
  days?: number;
  /** Songs per song_data file; default 1, the real layout. */
  songsPerFile?: number;
  /** Share of NextSong events that play a catalog song; default 0.3. */
  matchShare?: number;
  /** Called now and then with the counts written so far. */
  onProgress?: (progress: { events: number; songs: number }) => void;
}

export type ResolvedOptions = Required<Omit<GenerateOptions, 'onProgress'>> & Pick<GenerateOptions, 'onProgress'>;

// Ceilings keep ids inside their hex widths and the per-user state arrays reasonable.
const MAX_SONGS = 100_000_000;
const MAX_USERS = 50_000_000;

function integer(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new SparkifyError('USAGE', `${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** Fills in defaults and rejects values that cannot be generated, naming the option. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const events = integer('events', options.events, 1);
  const startDate = options.startDate ?? '2018-11-01';
  if (!isIsoDate(startDate)) throw new SparkifyError('USAGE', `startDate must be a date written YYYY-MM-DD, got "${startDate}"`);
  const matchShare = options.matchShare ?? 0.3;
  if (!(matchShare >= 0 && matchShare <= 1)) throw new SparkifyError('USAGE', `matchShare must be between 0 and 1, got ${String(matchShare)}`);
  if (options.outDir === '') throw new SparkifyError('USAGE', 'outDir must name a folder');
  return {
    outDir: options.outDir,
    events,
    songs: integer('songs', options.songs, 0, MAX_SONGS),
    seed: integer('seed', options.seed, Number.MIN_SAFE_INTEGER),
    users: integer('users', options.users ?? defaultUserCount(events), 1, MAX_USERS),
    startDate,
    days: integer('days', options.days ?? 30, 1, 36_500),
    songsPerFile: integer('songsPerFile', options.songsPerFile ?? 1, 1),
    matchShare,
    onProgress: options.onProgress,
  };
}
