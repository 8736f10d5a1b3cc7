import { resolve } from 'node:path';
import { SparkifyError } from '../errors.js';
import { generateSample } from '../generate/generate-sample.js';
import type { GenerateOptions } from '../generate/options.js';
import { isIsoDate } from '../generate/time-frame.js';
import { defineCommand, type ParsedArgs } from './command.js';
import { formatCount } from './format-number.js';
import { statusLine } from './status-line.js';

/** The integer value of `--name`, or undefined when absent; anything else is a usage error. */
function integerOption(args: ParsedArgs, name: string, min: number, what: string): number | undefined {
  const raw = args.options[name];
  if (raw === undefined) return undefined;
  const text = String(raw).replaceAll('_', '');
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new SparkifyError('USAGE', `--${name} must be ${what}, got "${String(raw)}"`);
  return value;
}

export default defineCommand({
  name: 'generate',
  description:
    'Write a synthetic Sparkify sample in the Udacity layout (log_data/ eventsim-like logs, one file a day; ' +
    'song_data/ catalog). The same options always give the same bytes; any size streams in bounded memory.',
  usage: '--out DIR [options]',
  options: {
    out: { type: 'string', description: 'folder to create log_data/ and song_data/ in (must not hold them already)', placeholder: 'DIR' },
    events: { type: 'string', description: 'event lines in total (default 10000)', placeholder: 'N' },
    songs: { type: 'string', description: 'songs in the catalog (default 500)', placeholder: 'N' },
    seed: { type: 'string', description: 'random seed; same seed, same files (default 42)', placeholder: 'N' },
    users: { type: 'string', description: 'listeners (default: one per 100 events, at least 10)', placeholder: 'N' },
    days: { type: 'string', description: 'days of logs (default 30)', placeholder: 'N' },
    'start-date': { type: 'string', description: 'first day, UTC (default 2018-11-01)', placeholder: 'YYYY-MM-DD' },
    'songs-per-file': { type: 'string', description: 'songs per song_data file (default 1, the real layout)', placeholder: 'N' },
    'match-share': { type: 'string', description: 'share of plays that are catalog songs, 0..1 (default 0.3)', placeholder: 'X' },
    json: { type: 'boolean', description: 'print the result as one JSON object' },
  },
  async run(args, io) {
    const out = args.options.out;
    if (typeof out !== 'string' || out === '') throw new SparkifyError('USAGE', '--out DIR is required — the folder to write log_data/ and song_data/ into');
    const matchText = args.options['match-share'];
    const matchShare = matchText === undefined ? undefined : Number(matchText);
    if (matchShare !== undefined && !(String(matchText).trim() !== '' && matchShare >= 0 && matchShare <= 1)) {
      throw new SparkifyError('USAGE', `--match-share must be a number from 0 to 1, got "${String(matchText)}"`);
    }
    const startDate = args.options['start-date'];
    if (typeof startDate === 'string' && !isIsoDate(startDate)) throw new SparkifyError('USAGE', `--start-date must be a date written YYYY-MM-DD, got "${startDate}"`);
    const options: GenerateOptions = {
      outDir: resolve(io.cwd, out),
      events: integerOption(args, 'events', 1, 'a positive integer') ?? 10_000,
      songs: integerOption(args, 'songs', 0, 'a non-negative integer') ?? 500,
      seed: integerOption(args, 'seed', Number.MIN_SAFE_INTEGER, 'an integer') ?? 42,
      users: integerOption(args, 'users', 1, 'a positive integer'),
      days: integerOption(args, 'days', 1, 'a positive integer'),
      songsPerFile: integerOption(args, 'songs-per-file', 1, 'a positive integer'),
      ...(typeof startDate === 'string' ? { startDate } : {}),
      ...(matchShare === undefined ? {} : { matchShare }),
    };

    const started = Date.now();
    const line = statusLine(io.stderr);
    if (io.stderr.isTTY && !args.options.json) {
      let drawn = 0;
      options.onProgress = ({ events, songs }) => {
        const now = Date.now();
        if (now - drawn < 100) return;
        drawn = now;
        line.draw(`generating: ${formatCount(songs)}/${formatCount(options.songs)} songs, ${formatCount(events)}/${formatCount(options.events)} events`);
      };
    }
    const result = await generateSample(options).finally(() => {
      line.clear();
    });
    const seconds = (Date.now() - started) / 1000;

    if (args.options.json) {
      io.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
      return 0;
    }
    io.stdout.write(
      `wrote ${formatCount(result.eventFiles)} event files and ${formatCount(result.songFiles)} song files to ${result.outDir}: ` +
        `${formatCount(result.events)} events, ${formatCount(result.songs)} songs, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s\n`,
    );
    return 0;
  },
});
