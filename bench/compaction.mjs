// Redshift compaction throughput (--compact-to): many one-song files in a local S3 server
// (s3rver, as the tests use) merged into a few gzip JSON-lines parts. Run after the build:
//
//   npx tsc -p tsconfig.build.json && node bench/compaction.mjs [--files 20000] [--runs 3] [--slices 8] [--events 1000000] [--level 6] [--concurrency 64]
//
// Also measures, to show where the time goes: the same GETs with no processing, the record
// splitting alone (scanObjects + oneLine), gzip alone, and the CPU seconds of this process and
// of the s3rver process during a compaction. Prints one JSON line; writes bench/results/compaction.json.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dist = (path) => join(root, 'dist', path);
if (!existsSync(dist('engines/redshift/compact/compact-files.js'))) {
  console.error('bench/compaction.mjs runs the built package: run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    slices: { type: 'string', default: '8' },
    events: { type: 'string', default: '1000000' },
    level: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '64' },
  },
});
const songCount = Number(args.files);
const runs = Number(args.runs);
const slices = Number(args.slices);
const eventCount = Number(args.events);
const level = Number(args.level);
const concurrency = Number(args.concurrency);

const { generateSample } = await import(dist('generate/index.js'));
const { loadConfig } = await import(dist('config/load-config.js'));
const { openS3 } = await import(dist('sources/s3-client.js'));
const { listS3Files } = await import(dist('engines/redshift/s3-list-only.js'));
const { compactFiles, removeParts } = await import(dist('engines/redshift/compact/compact-files.js'));
const { recordsOf } = await import(dist('engines/redshift/compact/compact-source.js'));
const { forEachBounded } = await import(dist('sources/s3-download.js'));
const { S3Client, PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, digits = 2) => +x.toFixed(digits);
const log = (text) => console.error(text);

// Input: generated once per size, kept in /tmp with the s3rver store that holds it.
const home = join(tmpdir(), `sparkify-bench-compaction-${songCount}-${eventCount}`);
const sample = join(home, 'sample');
const store = join(home, 's3rver');
if (!existsSync(join(sample, 'song_data'))) {
  log(`generating ${songCount} one-song files and ${eventCount} events into ${sample} …`);
  await generateSample({ outDir: sample, songs: songCount, events: Math.max(1, eventCount), seed: 42, songsPerFile: 1 });
}
mkdirSync(store, { recursive: true });

// s3rver in its own process (its listing needs --openssl-legacy-provider), straight, without the tests' recording proxy.
const server = spawn(
  process.execPath,
  ['--openssl-legacy-provider', join(root, 'test/helpers/s3rver-process.mjs'), JSON.stringify({ directory: store, buckets: ['source', 'own'] })],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const [first] = await once(createInterface({ input: server.stdout }), 'line');
const endpoint = `http://127.0.0.1:${JSON.parse(first).port}`;
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

/** CPU seconds (user + system) of a process, from /proc. */
const cpuOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const selfCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

try {
  const uploader = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const marker = join(home, 'uploaded');
  if (!existsSync(marker)) {
    const paths = [...filesUnder(join(sample, 'song_data')), ...(eventCount > 0 ? filesUnder(join(sample, 'log_data')) : [])];
    log(`uploading ${paths.length} files to s3rver (once) …`);
    const started = performance.now();
    await forEachBounded(paths, 32, async (path) => {
      await uploader.send(new PutObjectCommand({ Bucket: 'source', Key: relative(sample, path), Body: readFileSync(path) }));
    });
    log(`  ${round((performance.now() - started) / 1000, 1)} s`);
    writeFileSync(marker, '');
  }
  uploader.destroy();

  const config = loadConfig({ cwd: home, env: { SPARKIFY_S3_ENDPOINT: endpoint, SPARKIFY_REGION: 'us-east-1' } });
  const access = await openS3(config);

  async function measure(kind, prefix) {
    const files = await listS3Files(access, `s3://source/${prefix}`);
    const inputBytes = files.reduce((sum, f) => sum + f.size, 0);
    const seconds = [];
    const getSeconds = [];
    const bodies = [];
    let result;
    let peakRss = 0;
    let cpu;
    for (let i = 0; i < runs; i++) {
      // Peak RSS from the first run only: later ones start with the GET-alone pass's garbage still in the heap.
      const watch = setInterval(() => {
        if (i === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const [self0, server0, t0] = [selfCpu(), cpuOf(server.pid), performance.now()];
      result = await compactFiles({ access, kind, files, to: `s3://own/bench/run-${i}/${kind}`, slices, level, concurrency });
      const wall = (performance.now() - t0) / 1000;
      clearInterval(watch);
      seconds.push(wall);
      // CPU share of one core each process used, over the wall time.
      cpu = { sparkify: round((selfCpu() - self0) / wall), s3rver: round((cpuOf(server.pid) - server0) / wall) };
      await removeParts(
        access,
        result.parts.map((p) => p.url),
      );
      // Where the time goes: the same GETs alone (as many at a time, bodies read, nothing else), alternated with the runs.
      const t1 = performance.now();
      await forEachBounded(files, concurrency, async (file) => {
        const answer = await access.client.send(new GetObjectCommand({ Bucket: 'source', Key: file.path.slice('s3://source/'.length) }));
        const bytes = Buffer.from(await answer.Body.transformToByteArray());
        if (i === runs - 1) bodies.push([file.path, bytes]);
      });
      getSeconds.push((performance.now() - t1) / 1000);
      log(`  ${kind} run ${i + 1}: ${round(wall)} s (sparkify ${cpu.sparkify} core, s3rver ${cpu.s3rver} core); the GETs alone ${round(getSeconds.at(-1))} s`);
    }
    if (result.records < files.length) throw new Error(`only ${result.records} records from ${files.length} files`);

    // … splitting into one-line records alone …
    const t2 = performance.now();
    let text = '';
    const texts = [];
    for (const [path, bytes] of bodies) {
      for await (const record of recordsOf(kind, path, bytes)) {
        text += `${record.text}\n`;
        if (text.length > 1 << 16) {
          texts.push(text);
          text = '';
        }
      }
    }
    texts.push(text);
    const parse = (performance.now() - t2) / 1000;
    // … and gzip alone, in one thread.
    const t3 = performance.now();
    for (const chunk of texts) gzipSync(chunk, { level });
    const gzip = (performance.now() - t3) / 1000;

    const wall = median(seconds);
    return {
      kind,
      files: files.length,
      records: result.records,
      input_mb: round(inputBytes / 2 ** 20),
      output_mb: round(result.bytesOut / 2 ** 20),
      gzip_ratio: round(result.bytesOut / result.parts.reduce((s, p) => s + p.textBytes, 0), 3),
      parts: result.parts.length,
      runs_seconds: seconds.map((s) => round(s)),
      median_seconds: round(wall),
      files_per_second: Math.round(files.length / wall),
      input_mb_per_second: round(inputBytes / 2 ** 20 / wall),
      peak_rss_mib_first_run: Math.round(peakRss / 2 ** 20),
      cpu_cores_last_run: cpu,
      alone_seconds: { get_alone: round(median(getSeconds)), split_records: round(parse), gzip_one_thread: round(gzip) },
    };
  }

  log(`compacting ${songCount} song files, ${runs} runs …`);
  const songs = await measure('songs', 'song_data');
  if (eventCount > 0) log(`compacting the event logs of ${eventCount} events …`);
  const events = eventCount > 0 ? await measure('events', 'log_data') : undefined;
  access.client.destroy();

  const result = {
    bench: 'redshift-compaction',
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    server: 's3rver 3.7 (local, one process)',
    slices,
    gzip_level: level,
    concurrency,
    songs,
    ...(events ? { events } : {}),
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'compaction.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
} finally {
  server.stdin.end();
  await once(server, 'exit');
}
