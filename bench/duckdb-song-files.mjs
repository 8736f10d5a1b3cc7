// Many one-song files (the real song_data layout) into DuckDB: files per second, listing included.
// Usage: npm run build && node bench/duckdb-song-files.mjs [--files 100000] [--runs 3]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { arg, childRun, dataDir, generatedSample, machine, median } from './lib.mjs';

const files = Number(arg('files', 100_000));
const runs = Number(arg('runs', 3));
// A token event log so the run is a normal etl; the songs are what is measured.
const source = await generatedSample(`one-song-files-${files}`, { events: 1000, songs: files, songsPerFile: 1, days: 1 });

const results = [];
for (let i = 0; i < runs; i++) {
  rmSync(join(dataDir, 'songs.duckdb'), { force: true });
  const run = childRun('etl', source, join(dataDir, 'songs.duckdb'));
  const loadMs = run.timings.list + run.timings.stage;
  results.push({ ...run, loadMs });
  console.error(`run ${i + 1}: list ${run.timings.list} ms + stage ${run.timings.stage} ms = ${Math.round(files / (loadMs / 1000))} files/s`, run.timings);
}
const loadMs = median(results.map((r) => r.loadMs));
console.log(
  JSON.stringify({
    bench: 'duckdb-song-files',
    machine: machine(),
    files,
    runs,
    list_and_stage_ms: loadMs,
    files_per_s: Math.round(files / (loadMs / 1000)),
    peak_rss_mb: Math.max(...results.map((r) => r.maxRssMB)),
  }),
);
