// PostgreSQL staging throughput: sparkify's `stage` (read files → decode with the record
// rules → binary COPY rows → COPY FROM STDIN) against a plain COPY of the same rows already
// encoded in memory: in text format (the ratio), and in binary format as sparkify sends
// them (ratio_binary). Run after `npm run build`:
//
//   node bench/pg-staging.mjs [--events 1000000] [--runs 5]
//
// Uses SPARKIFY_BENCH_PG_URL (or SPARKIFY_TEST_PG_URL) when set, else starts an embedded
// server like the tests do. Writes bench/results/pg-staging.json and prints a summary.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dist = (path) => join(root, 'dist', path);
if (!existsSync(dist('engines/postgres/postgres-warehouse.js'))) {
  console.error('bench/pg-staging.mjs runs the built package: run `npm run build` first');
  process.exit(1);
}

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } },
});
const events = Number(args.events);
const runs = Number(args.runs);

const { generateSample } = await import(dist('generate/index.js'));
const { loadConfig } = await import(dist('config/load-config.js'));
const { openWarehouse } = await import(dist('engines/registry.js'));
const { createTables } = await import(dist('pipeline/create-tables.js'));
const { listLocalFiles } = await import(dist('sources/local-source.js'));
const { decodeFileBatches } = await import(dist('sources/decode-file.js'));
const { copyRowChunks } = await import(dist('engines/postgres/copy-rows.js'));
const { stageWithCopy } = await import(dist('engines/postgres/postgres-stage.js'));
const { copyStagingSql } = await import(dist('sql/dialects/postgres-copy.js'));
const { binaryCopyHeader, binaryCopyTrailer } = await import(dist('engines/postgres/copy-binary.js'));
const { eventFields } = await import(dist('schema/record-fields.js'));
const { copyTextChunks } = await import('./copy-text-rows.mjs');
const { startEmbeddedPostgres } = await import('../test/setup/embedded-postgres.mjs');

// Input: generated once per size and seed, kept in /tmp for later runs.
const dataDir = join(tmpdir(), `sparkify-bench-events-${events}-seed${args.seed}`);
if (!existsSync(join(dataDir, 'log_data'))) {
  console.error(`generating ${events} events into ${dataDir} …`);
  await generateSample({ outDir: dataDir, events, songs: 100, seed: Number(args.seed) });
}
const files = await listLocalFiles(join(dataDir, 'log_data'));
const bytes = files.reduce((sum, f) => sum + f.size, 0);

const given = process.env.SPARKIFY_BENCH_PG_URL || process.env.SPARKIFY_TEST_PG_URL;
const server = given ? undefined : await startEmbeddedPostgres();
const url = given ?? server.url;
const config = loadConfig({ cwd: tmpdir(), env: {}, flags: { target: 'postgres', database: url, schema: 'bench_staging' } });
const warehouse = await openWarehouse(config);
const table = `"${config.schema}"."staging_events"`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = async (fn) => {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
};

try {
  await createTables(warehouse, { drop: true });
  const { default: pg } = await import('pg');
  const { default: copyStreams } = await import('pg-copy-streams');
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();

  const stage = async () => (await warehouse.stage('events', files, { runId: 'bench', onReject: () => undefined })).rows;
  // The rows alone, without the ANALYZE that warehouse.stage runs afterwards for the transform's planner.
  const load = async () => (await stageWithCopy(raw, config.schema, 'events', files, { runId: 'bench', onReject: () => undefined })).rows;
  const binarySql = copyStagingSql(config.schema, 'events');
  const textSql = binarySql.replace(/ WITH \(FORMAT binary\)$/, '');
  const copyPlain = (sql, chunks) => pipeline(Readable.from(chunks), raw.query(copyStreams.from(sql)));

  // A first, untimed run of sparkify's path warms up and shows its peak memory (nothing else held yet).
  await raw.query(`TRUNCATE ${table}`);
  let peakRss = 0;
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  let rows = await stage();
  clearInterval(watch);

  const quiet = { onReject: () => undefined, onFileDone: () => undefined };
  // Where the time goes, without the server: the shared decoder alone, then decoder + binary COPY encoding.
  const decodeOnly = [];
  const decodeEncode = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    decodeOnly.push(
      await seconds(async () => {
        for (const file of files) for await (const batch of decodeFileBatches('events', file.path, () => undefined)) batch.forEach(() => {});
      }),
    );
    decodeEncode.push(
      await seconds(async () => {
        for await (const chunk of copyRowChunks('events', files, quiet)) void chunk;
      }),
    );
  }

  // Baseline input: the same rows, already decoded and encoded, held in memory.
  const textChunks = await copyTextChunks(files, eventFields, decodeFileBatches);
  const binaryChunks = [binaryCopyHeader];
  for await (const chunk of copyRowChunks('events', files, quiet)) binaryChunks.push(chunk);
  binaryChunks.push(binaryCopyTrailer);

  // Each timed run starts from an empty table and a finished checkpoint, so that none pays for
  // writing out the WAL of the run before it (a 1 M-row COPY writes about half a gigabyte).
  const empty = async () => {
    await raw.query(`TRUNCATE ${table}`);
    await raw.query('CHECKPOINT').catch(() => undefined);
  };

  // Timed runs, alternating so that a busy moment on the machine hits both sides alike.
  const sparkify = [];
  const loadOnly = [];
  const plain = [];
  const plainBinary = [];
  for (let i = 0; i < runs; i++) {
    await empty();
    sparkify.push(await seconds(async () => (rows = await stage())));
    await empty();
    loadOnly.push(await seconds(load));
    await empty();
    plain.push(await seconds(() => copyPlain(textSql, textChunks)));
    const [{ n: textRows }] = (await raw.query(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows;
    if (textRows !== events) throw new Error(`plain text COPY loaded ${textRows} rows, not ${events}`);
    await empty();
    plainBinary.push(await seconds(() => copyPlain(binarySql, binaryChunks)));
  }
  const [{ n }] = (await raw.query(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows;
  await raw.end();
  if (n !== rows || rows !== events) throw new Error(`row counts differ: stage ${rows}, plain binary COPY ${n}, generated ${events}`);

  const sparkifyMedian = median(sparkify);
  const plainMedian = median(plain);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    server: (await warehouse.query('SELECT version() AS v'))[0].v,
    events,
    files: files.length,
    megabytes: Math.round(bytes / 2 ** 20),
    runs,
    sparkify_seconds: sparkify.map((s) => +s.toFixed(2)),
    sparkify_rows_only_seconds: loadOnly.map((s) => +s.toFixed(2)),
    plain_copy_seconds: plain.map((s) => +s.toFixed(2)),
    plain_binary_copy_seconds: plainBinary.map((s) => +s.toFixed(2)),
    sparkify_events_per_second: Math.round(events / sparkifyMedian),
    plain_copy_events_per_second: Math.round(events / plainMedian),
    ratio: +(plainMedian / sparkifyMedian).toFixed(3),
    ratio_rows_only: +(plainMedian / median(loadOnly)).toFixed(3),
    ratio_binary: +(median(plainBinary) / sparkifyMedian).toFixed(3),
    client_only_seconds: { decode: +median(decodeOnly).toFixed(2), decode_and_encode: +median(decodeEncode).toFixed(2) },
    sparkify_peak_rss_mib: Math.round(peakRss / 2 ** 20),
  };
  await mkdir(join(root, 'bench', 'results'), { recursive: true });
  await writeFile(join(root, 'bench', 'results', 'pg-staging.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await warehouse.close();
  await server?.stop();
}
