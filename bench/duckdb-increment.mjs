// A daily increment: one new day of events on top of a warehouse holding the rest, against
// the full load of every day. Beside them, DuckDB's bare read (bench/bare-read.mjs) of that
// day's delivery alone (the day's log file and the song files) in a fresh process: the least
// any process that reads the day with DuckDB takes here.
// Usage: npm run build && node bench/duckdb-increment.mjs [--events 1000000] [--runs 3]
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { arg, childRun, dataDir, generatedSample, machine, median } from './lib.mjs';

const events = Number(arg('events', 1_000_000));
const runs = Number(arg('runs', 3));
const days = 31;
const all = await generatedSample(`increment-e${events}`, { events, songs: 10_000, songsPerFile: 100, days });
const dayFiles = readdirSync(join(all, 'log_data'), { recursive: true })
  .filter((f) => String(f).endsWith('.json'))
  .sort();
const lastDay = dayFiles[dayFiles.length - 1];

// Each timed run starts after a sync: the files this script has just copied are on disk, so
// no run's first commit waits for them (a fresh copy of the day's 134 MB at 10 M made the
// day's first fsync 0.1–0.4 s slower), as a file delivered before the daily run would be.
const timedRun = (work, db) => {
  execFileSync('sync');
  return childRun('etl', work, db);
};
const dayAlone = join(dataDir, 'increment-day-alone');
rmSync(dayAlone, { recursive: true, force: true });
mkdirSync(join(dayAlone, 'log_data'), { recursive: true });
cpSync(join(all, 'song_data'), join(dayAlone, 'song_data'), { recursive: true });
linkSync(join(all, 'log_data', lastDay), join(dayAlone, 'log_data', 'day.json'));

const full = [];
const increment = [];
const bareDay = [];
for (let i = 0; i < runs; i++) {
  const work = join(dataDir, 'increment-work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(all, 'song_data'), join(work, 'song_data'), { recursive: true });
  cpSync(join(all, 'log_data'), join(work, 'log_data'), { recursive: true, filter: (src) => !src.endsWith(lastDay) });
  const db = join(dataDir, 'increment.duckdb');
  rmSync(db, { force: true });
  const first = childRun('etl', work, db);
  cpSync(join(all, 'log_data', lastDay), join(work, 'log_data', lastDay));
  increment.push(timedRun(work, db));
  rmSync(db, { force: true });
  full.push(timedRun(work, db));
  const bareDb = join(dataDir, 'increment-bare-day.duckdb');
  rmSync(bareDb, { force: true });
  execFileSync('sync');
  bareDay.push(childRun('bare', dayAlone, bareDb));
  rmSync(bareDb, { force: true });
  console.error(
    `run ${i + 1}: ${days - 1} days ${first.ms} ms; +1 day ${increment[i].ms} ms; all ${days} days from scratch ${full[i].ms} ms; bare read of the day alone ${bareDay[i].ms} ms`,
  );
}
const fullMs = median(full.map((r) => r.ms));
const incMs = median(increment.map((r) => r.ms));
const bareDayMs = median(bareDay.map((r) => r.ms));
const share = (ms) => Number((ms / fullMs).toFixed(3));
console.log(
  JSON.stringify({
    bench: 'duckdb-increment',
    machine: machine(),
    events,
    days,
    runs,
    full_ms: fullMs,
    increment_ms: incMs,
    share: share(incMs),
    bare_day_ms: bareDayMs,
    bare_day_share: share(bareDayMs),
    increment_vs_bare_day: Number((incMs / bareDayMs).toFixed(2)),
  }),
);
