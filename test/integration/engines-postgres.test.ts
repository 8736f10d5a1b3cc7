import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { configFromSettings, createTables, generateSample, openWarehouse, runEtl, runPipeline, withWarehouse } from '../../src/index.js';
import { bufferIO } from '../helpers/cli-io.js';
import { adminSql, engineSettings, engines, pgUrl } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { freePort } from '../setup/embedded-postgres.mjs';

/** The test server's URL with parts replaced. */
function urlWith(change: (url: URL) => void): string {
  const url = new URL(pgUrl());
  change(url);
  return url.toString();
}

const secret = 'Wr0ng-Secret-Passw0rd';

/** What opening a warehouse at `database` throws. */
async function openError(database: string): Promise<Error & { code?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-pg-conn-'));
  try {
    const config = configFromSettings({ target: 'postgres', database, cwd: dir, env: {} });
    const warehouse = await openWarehouse(config).catch((error: unknown) => error as Error);
    if (!(warehouse instanceof Error)) {
      await warehouse.close();
      throw new Error(`connecting to ${database} unexpectedly worked`);
    }
    return warehouse;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectOneCleanLine(error: Error & { code?: string }, pattern: RegExp): void {
  expect(error.name).toBe('SparkifyError');
  expect(error.code).toBe('CONNECTION');
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toContain(secret);
}

describe.skipIf(!engines.includes('postgres'))('the PostgreSQL engine', () => {
  describe('connection problems are one clear line, password hidden', () => {
    it('wrong port (connection refused)', async () => {
      const port = await freePort();
      const error = await openError(
        urlWith((u) => {
          u.port = String(port);
          u.password = secret;
        }),
      );
      expectOneCleanLine(error, new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: connection refused — is the server running`));
    });

    it('unknown host', async () => {
      // .invalid never resolves (RFC 2606); a resolver that cannot answer at all ends in the timeout instead.
      const error = await openError(`postgres://postgres:${secret}@no-such-host.invalid:5432/x?connect_timeout=5`);
      expectOneCleanLine(error, /cannot connect to PostgreSQL at no-such-host\.invalid:5432: (host "no-such-host\.invalid" not found — check the host name|no answer within 5 s)/);
    });

    it('wrong password', async () => {
      const error = await openError(urlWith((u) => (u.password = secret)));
      expectOneCleanLine(error, /password authentication failed for user "postgres" — check the user name and password/);
    });

    it('missing database', async () => {
      const error = await openError(
        urlWith((u) => {
          u.pathname = '/no_such_db';
          u.password = secret;
        }),
      );
      // The server checks the password first; with the right one it is the database it names.
      expectOneCleanLine(error, /password authentication failed|database "no_such_db" does not exist/);
      const right = await openError(urlWith((u) => (u.pathname = '/no_such_db')));
      expectOneCleanLine(right, /database "no_such_db" does not exist — create it \(CREATE DATABASE no_such_db\) or fix the database name/);
    });

    describe('a server that never answers', () => {
      let silent: Server;
      const held: import('node:net').Socket[] = [];
      beforeAll(async () => {
        silent = createServer((socket) => void held.push(socket));
        await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
      });
      afterAll(async () => {
        for (const socket of held) socket.destroy();
        await new Promise((done) => silent.close(done));
      });

      it('times out after connect_timeout', async () => {
        const port = (silent.address() as { port: number }).port;
        const started = Date.now();
        const error = await openError(`postgres://postgres:${secret}@127.0.0.1:${port}/x?connect_timeout=1`);
        expect(Date.now() - started).toBeLessThan(5000);
        expectOneCleanLine(error, /no answer within 1 s — check the host, the port and any firewall/);
      });
    });

    it('says where to put the URL when there is none, and refuses a URL of another kind', async () => {
      expect(await openError('')).toMatchObject({ code: 'CONFIG', message: expect.stringMatching(/^no PostgreSQL database given — pass --database postgres:\/\//) });
      const other = await openError(`mysql://root:${secret}@127.0.0.1/x`);
      expect(other.code).toBe('CONFIG');
      expect(other.message).toMatch(/is not a PostgreSQL URL/);
      expect(other.message).not.toContain(secret);
    });

    it('through the CLI: one line on stderr, exit 1, no stack, no password', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sparkify-pg-cli-'));
      try {
        const io = bufferIO(dir);
        const code = await main(['create-tables', '--target', 'postgres', '--database', urlWith((u) => (u.password = secret))], io);
        expect(code).toBe(1);
        expect(io.err()).toMatch(/^sparkify create-tables: cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: password authentication failed/);
        expect(io.err().trim().split('\n')).toHaveLength(1);
        expect(io.err() + io.out()).not.toContain(secret);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('creates the schema in one round trip, all or nothing', async () => {
    const config = configFromSettings(await engineSettings('postgres'));
    await withWarehouse(config, async (w) => {
      const run = vi.spyOn(w, 'run');
      await createTables(w, { drop: true });
      // BEGIN, the statements, COMMIT.
      expect(run).toHaveBeenCalledTimes(3);
      const [{ n }] = (await w.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1`, [w.schema])) as [{ n: number }];
      expect(n).toBeGreaterThanOrEqual(14);
      run.mockRestore();
      // A statement that fails leaves the tables as they were: one transaction.
      await expect(w.transaction(() => w.runAll!([`DROP TABLE "${w.schema}".songplays`, 'CREATE TABLE no_such_schema.x (a INTEGER)']))).rejects.toThrow();
      expect(await w.query(`SELECT COUNT(*) AS n FROM "${w.schema}".songplays`)).toEqual([{ n: 0 }]);
    });
  });

  it('analyses staging from a small sample, for the planner, and leaves the session as it found it', async () => {
    const settings = await engineSettings('postgres');
    const source = join(settings.cwd, 'src');
    await generateSample({ outDir: source, events: 3000, songs: 30, seed: 9, days: 2 });
    const config = configFromSettings({ ...settings, source });
    await withWarehouse(config, async (w) => {
      await createTables(w, { drop: false });
      const [before] = await w.query('SHOW default_statistics_target');
      await runEtl(w, config);
      expect(await w.query('SHOW default_statistics_target')).toEqual([before]);
      const [page] = await w.query(
        `SELECT array_to_string(most_common_vals, ',') AS common FROM pg_stats WHERE schemaname = $1 AND tablename = 'staging_events' AND attname = 'page'`,
        [w.schema],
      );
      expect(String(page?.common).split(',')).toContain('NextSong');
    });
  });

  describe('one etl at a time per schema', () => {
    it('a second run lock waits, then names the run holding it; the lock goes with its connection', async () => {
      const settings = await engineSettings('postgres');
      const config = configFromSettings(settings);
      const first = await openWarehouse(config);
      const second = await openWarehouse(config);
      try {
        await createTables(first, { drop: false });
        await first.run(`INSERT INTO "${first.schema}".etl_runs (run_id, started_at, status) VALUES ('holder-run', CURRENT_TIMESTAMP, 'running')`);
        const lock = await first.acquireRunLock!('holder-run', 0);
        const started = Date.now();
        await expect(second.acquireRunLock!('waiting-run', 600)).rejects.toMatchObject({
          code: 'LOCKED',
          message: expect.stringMatching(/is being loaded by run holder-run \(server process \d+ for 127\.0\.0\.1, connected .*\); waited 1s/),
        });
        expect(Date.now() - started).toBeGreaterThanOrEqual(550);
        await lock.release();
        await (await second.acquireRunLock!('waiting-run', 0)).release();

        // A run that dies (its connection closes) leaves no lock behind.
        await first.acquireRunLock!('dies', 0);
        await first.close();
        await (await second.acquireRunLock!('after', 2000)).release();
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('other schemas are not blocked', async () => {
      const a = await openWarehouse(configFromSettings(await engineSettings('postgres')));
      const b = await openWarehouse(configFromSettings(await engineSettings('postgres')));
      try {
        const lock = await a.acquireRunLock!('a', 0);
        await (await b.acquireRunLock!('b', 0)).release();
        await lock.release();
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe.skipIf(!sampleAvailable())('the CLI on PostgreSQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-pg-run-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('run, create-tables, etl and analyze with --target postgres --database URL --schema NAME', async () => {
      const settings = await engineSettings('postgres');
      const base = ['--target', 'postgres', '--database', settings.database, '--schema', settings.schema];
      const password = new URL(settings.database).password;
      const run = bufferIO(dir);
      expect(await main(['run', ...base, '--source', udacitySample, '--json'], run), run.err()).toBe(0);
      const summary = JSON.parse(run.out()) as { tables: Record<string, number>; database: string; target: string };
      expect(summary.target).toBe('postgres');
      expect(summary.tables.songplays).toBe(6820);
      expect(summary.database).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/sparkify_test$/);

      const refused = bufferIO(dir);
      expect(await main(['create-tables', ...base], refused)).toBe(1);
      expect(refused.err()).toContain('holds loaded data; create-tables would drop songplays (6,820 rows)');
      const create = bufferIO(dir);
      expect(await main(['create-tables', ...base, '--force'], create), create.err()).toBe(0);
      expect(create.out()).toContain(`(schema ${settings.schema})`);
      const etl = bufferIO(dir);
      expect(await main(['etl', ...base, '--source', udacitySample], etl), etl.err()).toBe(0);
      const analyze = bufferIO(dir);
      expect(await main(['analyze', ...base], analyze), analyze.err()).toBe(0);
      for (const io of [run, refused, create, etl, analyze]) expect(io.out() + io.err()).not.toContain(password);
    });

    it('reads the server from dwh.cfg [POSTGRES] HOST, PORT, DB_NAME, DB_USER, DB_PASSWORD', async () => {
      const settings = await engineSettings('postgres');
      const url = new URL(settings.database);
      const cfgDir = mkdtempSync(join(tmpdir(), 'sparkify-pg-cfg-'));
      try {
        writeFileSync(
          join(cfgDir, 'dwh.cfg'),
          `[LOCAL]\nTARGET=postgres\nSCHEMA=${settings.schema}\n\n[POSTGRES]\nHOST=${url.hostname}\nPORT=${url.port}\nDB_NAME=${url.pathname.slice(1)}\nDB_USER=${url.username}\nDB_PASSWORD=${decodeURIComponent(url.password)}\n`,
        );
        const io = bufferIO(cfgDir);
        expect(await main(['create-tables'], io), io.err()).toBe(0);
        expect(io.out()).toContain(`created`);
        expect(io.out()).not.toContain(url.password);
      } finally {
        rmSync(cfgDir, { recursive: true, force: true });
      }
    });
  });

  describe.skipIf(!sampleAvailable())('--schema isolation', () => {
    it('two warehouses in one database do not see each other; public is untouched', async () => {
      const a = await engineSettings('postgres');
      const b = await engineSettings('postgres');
      await runPipeline({ ...a, source: udacitySample });
      await runPipeline({ ...b, logData: join(udacitySample, 'log_data', '2018', '11', '2018-11-01-events.json'), songData: join(udacitySample, 'song_data') });
      const count = (settings: typeof a) => withWarehouse(configFromSettings(settings), async (w) => (await w.query(`SELECT COUNT(*) AS n FROM "${w.schema}".songplays`))[0]?.n);
      expect(await count(a)).toBe(6820);
      const smaller = await count(b);
      expect(smaller).toBeGreaterThan(0);
      expect(smaller).toBeLessThan(6820);
      await adminSql(`DO $$ BEGIN IF to_regclass('public.songplays') IS NOT NULL THEN RAISE EXCEPTION 'public.songplays exists'; END IF; END $$`);
    });
  });
});
