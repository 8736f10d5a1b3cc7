// Whole processes, side by side: `node bin/sparkify.js run` (first load into a fresh DuckDB
// file) against a bare DuckDB read_json process of the same files (bench/bare-read.mjs),
// alternating, each timed from outside with its peak RSS (GNU time).
// Usage: npm run build && node bench/duckdb-process.mjs [--shape real|generate] [--events 1000000] [--runs 5]
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { arg, benchDir, dataDir, generatedSample, machine, median } from './lib.mjs';
import { sampleShaped } from './sample-shaped.mjs';

const shape = arg('shape', 'real');
const events = Number(arg('events', 1_000_000));
const runs = Number(arg('runs', 5));
const source = shape === 'real' ? sampleShaped(events) : await generatedSample(`e${events}-s${events / 100}-p100`, { events, songs: events / 100, songsPerFile: 100 });
const sparkify = join(benchDir, '..', 'bin', 'sparkify.js');
const timeFile = join(dataDir, 'time.out');

/** One process under GNU time: wall ms, CPU ms (user + system: steadier than wall on a shared machine), peak RSS MB, and its stdout. */
function timed(args) {
  const stdout = execFileSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const [seconds, kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ms: Math.round(seconds * 1000), cpuMs: Math.round((user + system) * 1000), rssMB: Math.round(kb / 1024), stdout };
}

const bare = [];
const etl = [];
const loads = [];
for (let i = 0; i < runs; i++) {
  const db = join(dataDir, 'process.duckdb');
  loads.push(loadavg()[0]);
  rmSync(db, { force: true });
  bare.push(timed([join(benchDir, 'bare-read.mjs'), source, db]));
  rmSync(db, { force: true });
  const run = timed([sparkify, 'run', '--source', source, '--database', db, '--json']);
  run.timings = JSON.parse(run.stdout).timings_ms;
  etl.push(run);
  rmSync(db, { force: true });
  console.error(
    `run ${i + 1} (load ${loads[i].toFixed(2)}): bare ${bare[i].ms} ms ${bare[i].rssMB} MB, sparkify run ${etl[i].ms} ms ${etl[i].rssMB} MB, ratio ${(etl[i].ms / bare[i].ms).toFixed(2)}; CPU bare ${bare[i].cpuMs} ms, run ${etl[i].cpuMs} ms, ratio ${(etl[i].cpuMs / bare[i].cpuMs).toFixed(2)}`,
    run.timings,
  );
}
const ratios = etl.map((r, i) => r.ms / bare[i].ms);
console.log(
  JSON.stringify({
    bench: 'duckdb-process',
    machine: machine(),
    shape,
    events,
    runs,
    load_avg_median: Number(median(loads).toFixed(2)),
    bare_ms: median(bare.map((r) => r.ms)),
    run_ms: median(etl.map((r) => r.ms)),
    ratio_of_medians: Number((median(etl.map((r) => r.ms)) / median(bare.map((r) => r.ms))).toFixed(2)),
    median_ratio: Number(median(ratios).toFixed(2)),
    bare_cpu_ms: median(bare.map((r) => r.cpuMs)),
    run_cpu_ms: median(etl.map((r) => r.cpuMs)),
    cpu_ratio: Number((median(etl.map((r) => r.cpuMs)) / median(bare.map((r) => r.cpuMs))).toFixed(2)),
    bare_peak_rss_mb: median(bare.map((r) => r.rssMB)),
    run_peak_rss_mb: median(etl.map((r) => r.rssMB)),
    rss_ratio: Number((median(etl.map((r) => r.rssMB)) / median(bare.map((r) => r.rssMB))).toFixed(2)),
    run_timings_ms: Object.fromEntries(Object.keys(etl[0].timings ?? {}).map((k) => [k, median(etl.map((r) => r.timings[k]))])),
  }),
);
