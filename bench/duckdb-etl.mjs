// sparkify etl on DuckDB against a bare DuckDB read_json of the same files (events and songs
// each into one table), side by side, each job in a fresh process (time and peak RSS).
// Usage: npm run build && node bench/duckdb-etl.mjs [--events 1000000] [--songs 10000] [--songs-per-file 100] [--runs 3]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { arg, childRun, dataDir, generatedSample, machine, median } from './lib.mjs';

const events = Number(arg('events', 1_000_000));
const songs = Number(arg('songs', 10_000));
const songsPerFile = Number(arg('songs-per-file', 100));
const runs = Number(arg('runs', 3));
const source = await generatedSample(`e${events}-s${songs}-p${songsPerFile}`, { events, songs, songsPerFile });

const bare = [];
const etl = [];
for (let i = 0; i < runs; i++) {
  for (const db of ['bare.duckdb', 'etl.duckdb']) rmSync(join(dataDir, db), { force: true });
  bare.push(childRun('bare', source, join(dataDir, 'bare.duckdb')));
  etl.push(childRun('etl', source, join(dataDir, 'etl.duckdb')));
  console.error(`run ${i + 1}: bare read_json ${bare[i].ms} ms (${bare[i].maxRssMB} MB), sparkify etl ${etl[i].ms} ms (${etl[i].maxRssMB} MB)`, etl[i].timings);
}
const bareMs = median(bare.map((r) => r.ms));
const etlMs = median(etl.map((r) => r.ms));
console.log(
  JSON.stringify({
    bench: 'duckdb-etl',
    machine: machine(),
    events,
    songs,
    runs,
    bare_ms: bareMs,
    etl_ms: etlMs,
    ratio: Number((etlMs / bareMs).toFixed(2)),
    etl_us_per_event: Number(((etlMs * 1000) / events).toFixed(2)),
    etl_peak_rss_mb: Math.max(...etl.map((r) => r.maxRssMB)),
    bare_peak_rss_mb: Math.max(...bare.map((r) => r.maxRssMB)),
    etl_stage_ms: median(etl.map((r) => r.timings.stage)),
    etl_transform_ms: median(etl.map((r) => r.timings.transform)),
    etl_check_ms: median(etl.map((r) => r.timings.check)),
  }),
);
