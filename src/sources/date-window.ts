import { SparkifyError } from '../errors.js';
import type { SourceFile, SourceFiles } from './source-file.js';

/** A backfill window: the days from `from` to `to`, both included (UTC, YYYY-MM-DD). */
export interface DateWindow {
  from: string;
  to: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
// The day in an event log's name, as eventsim and the Udacity layout write it: 2018-11-05-events.json.
const dayInName = /(\d{4}-\d{2}-\d{2})[^/\\]*$/;

function validDay(flag: string, value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!isoDay.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new SparkifyError('USAGE', `--${flag} must be a day written YYYY-MM-DD (e.g. 2018-11-05), got "${value}"`);
  }
  return value;
}

/** The window of `--from`/`--to`; one of them alone is a window of that one day; neither is no window. */
export function parseDateWindow(from: string | undefined, to: string | undefined): DateWindow | undefined {
  if (from === undefined && to === undefined) return undefined;
  const first = validDay(from !== undefined ? 'from' : 'to', from ?? to!);
  const last = validDay(to !== undefined ? 'to' : 'from', to ?? from!);
  if (first > last) throw new SparkifyError('USAGE', `--from ${first} is after --to ${last}; the window runs from the earlier day to the later`);
  return { from: first, to: last };
}

/** The day after `day`: the window's exclusive upper bound on `ts`. */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The day a file's name carries, if any. */
export function dayOfPath(path: string): string | undefined {
  return dayInName.exec(path)?.[1];
}

/** Whether a file may hold events of the window: its named day is inside; a file with no day in its name may (its records decide). */
export function mayHoldWindow(file: SourceFile, window: DateWindow): boolean {
  const day = dayOfPath(file.path);
  return day === undefined || (day >= window.from && day <= window.to);
}

/** The event files chosen for a window (song files are not dated: all stay). */
export function filesInWindow(files: SourceFiles, window: DateWindow): SourceFiles {
  return { ...files, events: files.events.filter((f) => mayHoldWindow(f, window)) };
}

/** `YYYY/MM` of every month the window touches: the only log_data prefixes listed on S3. */
export function monthPrefixes(window: DateWindow): string[] {
  const months: string[] = [];
  const last = window.to.slice(0, 7);
  for (let [year, month] = window.from.split('-').map(Number) as [number, number]; ; ) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label.replace('-', '/'));
    if (label >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
