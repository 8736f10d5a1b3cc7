// The real Udacity sample into PostgreSQL, end to end, whole processes, side by side:
// `node bin/sparkify.js run --target postgres` against the classic Udacity "Data Modeling with
// Postgres" etl.py (pandas + psycopg2, one INSERT per row, a commit per file) on the same
// embedded server. The peer's code is not part of sparkify: give its folder (etl.py and
// sql_queries.py of any public copy) with --peer; this script makes its tables the way its
// create_tables.py does (drop, then create_table_queries) and runs `python3 etl.py` in a
// folder whose data/ is the sample. Both sides start from empty tables every run.
// Beside them: Node's own start (`node -e 0`), and, from one more sparkify run with the server
// logging each statement's duration, the server's own time for sparkify's statements. Node's
// start plus that server time is the least this run can take here, however fast sparkify's own code.
// Usage: npm run build && node bench/pg-python-peer.mjs --peer /tmp/udacity-peer [--runs 5] [--python /usr/bin/python3]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { arg, benchDir, dataDir, machine, median } from './lib.mjs';
import { realSample } from './sample-shaped.mjs';

const peer = arg('peer', '/tmp/udacity-peer');
const runs = Number(arg('runs', 5));
const python = arg('python', '/usr/bin/python3');
const { startEmbeddedPostgres } = await import('../test/setup/embedded-postgres.mjs');
const serverLog = [];
const server = await startEmbeddedPostgres({ onLog: (message) => serverLog.push(message) });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`CREATE ROLE student LOGIN SUPERUSER PASSWORD 'student'`);
await admin.query('CREATE DATABASE sparkifydb OWNER student');
await admin.end();

// etl.py connects to "host=127.0.0.1 dbname=sparkifydb user=student password=student"; libpq takes the port from PGPORT.
const env = { ...process.env, PGPORT: String(server.port) };
const work = mkdtempSync(join(tmpdir(), 'sparkify-peer-'));
symlinkSync(realSample, join(work, 'data'));
const url = `postgres://student:student@127.0.0.1:${server.port}/sparkifydb`;
const timeFile = join(dataDir, 'peer-time.out');
mkdirSync(dataDir, { recursive: true });
const createTables = `import psycopg2\nfrom sql_queries import create_table_queries, drop_table_queries\nconn = psycopg2.connect("host=127.0.0.1 dbname=sparkifydb user=student password=student")\nconn.set_session(autocommit=True)\ncur = conn.cursor()\nfor q in drop_table_queries + create_table_queries:\n    cur.execute(q)\nconn.close()\n`;

/** One process under GNU time: wall ms. */
function timed(command, args, options) {
  execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const [seconds] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return Math.round(seconds * 1000);
}

const sparkify = [];
const nodeStart = [];
const peerEtl = [];
const peerCreate = [];
const loads = [];
const runSparkify = (databaseUrl) =>
  timed(
    process.execPath,
    [join(benchDir, '..', 'bin', 'sparkify.js'), 'run', '--target', 'postgres', '--database', databaseUrl, '--schema', 'sparkify_bench', '--source', realSample, '--json'],
    { env },
  );

/** The server's own time for one sparkify run's statements (log_min_duration_statement = 0 for that session): COPY apart, since it waits on the client. */
const sparkifyServerTime = async () => {
  await resetSparkify();
  serverLog.length = 0;
  runSparkify(`${url}?options=${encodeURIComponent('-c log_min_duration_statement=0')}`);
  // The server's log reaches this process through a pipe, after the run has ended.
  await new Promise((resolve) => setTimeout(resolve, 500));
  let statements = 0;
  let copy = 0;
  for (const line of serverLog.join('').split('\n')) {
    // Simple queries log one line; parameterised ones (the extended protocol) a parse, a bind and an execute.
    const match = /duration: ([\d.]+) ms {2}(?:statement|parse [^:]*|bind [^:]*|execute [^:]*): (.*)/.exec(line);
    if (!match) continue;
    if (/^\s*COPY /i.test(match[2])) copy += Number(match[1]);
    else statements += Number(match[1]);
  }
  return { statements: Math.round(statements), copy: Math.round(copy) };
};
const resetSparkify = async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS sparkify_bench CASCADE');
  await client.end();
};
try {
  for (let i = 0; i < runs; i++) {
    loads.push(loadavg()[0]);
    peerCreate.push(timed(python, ['-c', createTables], { cwd: peer, env: { ...env, PYTHONPATH: peer } }));
    peerEtl.push(timed(python, [join(peer, 'etl.py')], { cwd: work, env: { ...env, PYTHONPATH: peer } }));
    await resetSparkify();
    sparkify.push(runSparkify(url));
    nodeStart.push(timed(process.execPath, ['-e', '0'], {}));
    console.error(
      `run ${i + 1} (load ${loads[i].toFixed(2)}): peer create ${peerCreate[i]} ms + etl.py ${peerEtl[i]} ms; sparkify run ${sparkify[i]} ms; etl.py / sparkify ${(peerEtl[i] / sparkify[i]).toFixed(1)}; node -e 0 ${nodeStart[i]} ms`,
    );
  }
  const serverTime = await sparkifyServerTime();
  const counts = new pg.Client({ connectionString: url });
  await counts.connect();
  const n = async (sql) => Number((await counts.query(sql)).rows[0].n);
  const tables = {
    peer_songplays: await n('SELECT COUNT(*) AS n FROM public.songplays'),
    sparkify_songplays: await n('SELECT COUNT(*) AS n FROM sparkify_bench.songplays'),
    peer_matched: await n('SELECT COUNT(*) AS n FROM public.songplays WHERE song_id IS NOT NULL'),
    sparkify_matched: await n('SELECT COUNT(*) AS n FROM sparkify_bench.songplays WHERE song_id IS NOT NULL'),
  };
  await counts.end();
  const ratios = peerEtl.map((p, i) => p / sparkify[i]);
  console.log(
    JSON.stringify({
      bench: 'pg-python-peer',
      machine: machine(),
      runs,
      load_avg_median: Number(median(loads).toFixed(2)),
      peer_etl_ms: median(peerEtl),
      peer_create_ms: median(peerCreate),
      sparkify_ms: median(sparkify),
      speedup_vs_etl_py: Number((median(peerEtl) / median(sparkify)).toFixed(1)),
      speedup_vs_create_and_etl_py: Number(((median(peerEtl) + median(peerCreate)) / median(sparkify)).toFixed(1)),
      median_of_run_ratios: Number(median(ratios).toFixed(1)),
      node_start_ms: median(nodeStart),
      server_statements_ms: serverTime.statements,
      server_copy_ms: serverTime.copy,
      // However fast sparkify's own code: Node's start and the server's work on everything but the COPY.
      best_possible_speedup: Number((median(peerEtl) / (median(nodeStart) + serverTime.statements)).toFixed(1)),
      ...tables,
    }),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
