// What the level history and schema drift cost, measured side by side in one process so a busy
// machine slows both sides alike (whole-run timings on a shared 2-core box vary 3x run to run).
// Usage: npm run build && node bench/issue16-costs.mjs [--events 1000000] [--reps 3]
//   drift, DuckDB native path: the staging read of the event files vs the json_keys pass over them
//   drift, JS decoder (PostgreSQL staging): decoding the files with the key count vs the decoder before it (--before DIST)
//   level history: the transform steps timed one by one on a freshly staged warehouse
import { join } from 'node:path';
import { arg, generatedSample, machine, median } from './lib.mjs';

const events = Number(arg('events', 1_000_000));
const reps = Number(arg('reps', 3));
const before = arg('before', undefined);
const source = await generatedSample(`e${events}-s10000-p100`, { events, songs: 10_000, songsPerFile: 100 });
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { listLocalFiles } = await import(dist('sources/local-source.js'));
const { loadConfig } = await import(dist('config/load-config.js'));
const { openWarehouse } = await import(dist('engines/registry.js'));
const { createTables } = await import(dist('pipeline/create-tables.js'));
const { transformSteps } = await import(dist('sql/transform.js'));
const { reportUnknownFields } = await import(dist('engines/duckdb/duckdb-unknown-fields.js'));
const files = await listLocalFiles(join(source, 'log_data'));
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const config = loadConfig({ cwd: process.cwd(), env: {}, flags: { database: ':memory:' } });
const warehouse = await openWarehouse(config);
await createTables(warehouse, { drop: false });
const stageMs = [];
const driftMs = [];
for (let i = 0; i < reps; i++) {
  await warehouse.run('DELETE FROM staging_events');
  stageMs.push(await time(() => warehouse.stage('events', files, { runId: 'bench', onReject() {} })));
  driftMs.push(await time(() => reportUnknownFields(warehouse, 'events', files, () => undefined)));
}

const steps = {};
for (let i = 0; i < reps; i++) {
  await warehouse
    .transaction(async () => {
      for (const step of transformSteps('main')) {
        steps[step.name] ??= [];
        steps[step.name].push(await time(() => warehouse.run(step.sql)));
      }
      throw Object.assign(new Error('rollback'), { rollback: true });
    })
    .catch((e) => {
      if (!e.rollback) throw e;
    });
}
await warehouse.close();

const decodeAll = async (module) => {
  const { decodeFileBatches } = await import(module);
  let n = 0;
  for (const file of files)
    for await (const batch of decodeFileBatches('events', file.path, () => undefined))
      batch.forEach(() => {
        n += 1;
      });
  return n;
};
const jsAfter = [];
const jsBefore = [];
for (let i = 0; i < reps; i++) {
  jsAfter.push(await time(() => decodeAll(dist('sources/decode-file.js'))));
  if (before) jsBefore.push(await time(() => decodeAll(new URL(`file://${join(before, 'sources/decode-file.js')}`).href)));
}
const ms = (xs) => Math.round(median(xs));
const stepMs = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, ms(v)]));
const levelMs = ['user-level-events', 'user-levels-forget-touched', 'user-levels'].reduce((s, k) => s + stepMs[k], 0);
const transformMs = Object.values(stepMs).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify(
    {
      bench: 'issue16-costs',
      machine: machine(),
      events,
      reps,
      duckdb_stage_events_ms: ms(stageMs),
      duckdb_drift_pass_ms: ms(driftMs),
      js_decode_ms: ms(jsAfter),
      ...(before ? { js_decode_before_ms: ms(jsBefore) } : {}),
      transform_steps_ms: stepMs,
      level_history_ms: levelMs,
      transform_ms: transformMs,
    },
    null,
    1,
  ),
);
