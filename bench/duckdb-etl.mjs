// sparkify etl on DuckDB against a bare DuckDB read_json of the same event files, side by side.
// Usage: npm run build && node bench/duckdb-etl.mjs [--events 1000000] [--songs 10000] [--runs 3]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { arg, dataDir, generatedSample, machine, median, timed } from './lib.mjs';

const events = Number(arg('events', 1_000_000));
const songs = Number(arg('songs', 10_000));
const runs = Number(arg('runs', 3));
const source = await generatedSample(`e${events}-s${songs}`, { events, songs, songsPerFile: 100 });
const { runPipeline } = await import('../dist/index.js');

async function bareReadJson(db) {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE events AS SELECT * FROM read_json('${join(source, 'log_data')}/**/*.json')`);
  connection.closeSync();
  instance.closeSync();
}

const bare = [];
const etl = [];
for (let i = 0; i < runs; i++) {
  const a = join(dataDir, 'bare.duckdb');
  const b = join(dataDir, 'etl.duckdb');
  rmSync(a, { force: true });
  rmSync(b, { force: true });
  bare.push((await timed(() => bareReadJson(a))).ms);
  const run = await timed(() => runPipeline({ source, database: b, cwd: dataDir, env: {} }));
  etl.push(run.ms);
  console.error(`run ${i + 1}: bare read_json ${Math.round(bare[i])} ms, sparkify etl ${Math.round(etl[i])} ms`, run.result.timings_ms);
}
const ratio = median(etl) / median(bare);
console.log(JSON.stringify({ bench: 'duckdb-etl', machine: machine(), events, songs, runs, bare_ms: Math.round(median(bare)), etl_ms: Math.round(median(etl)), ratio: Number(ratio.toFixed(2)) }));
