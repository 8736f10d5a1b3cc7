import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { configFromSettings } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

/** A source folder of one day's plays by `user`, in sessions of its own. */
function tinySource(root: string, user: string, sessions: number): string {
  mkdirSync(join(root, 'log_data'), { recursive: true });
  mkdirSync(join(root, 'song_data'), { recursive: true });
  const lines = Array.from({ length: sessions }, (_, i) =>
    JSON.stringify({
      page: 'NextSong',
      sessionId: Number(user) * 100 + i,
      itemInSession: 0,
      ts: 1541116106796 + i * 1000,
      userId: user,
      firstName: `U${user}`,
      level: 'free',
      song: 's',
      artist: 'a',
      length: 1,
    }),
  );
  writeFileSync(join(root, 'log_data', 'day.json'), `${lines.join('\n')}\n`);
  return root;
}

describe.each(engines)('on %s, a warehouse remembers its one source', (engine) => {
  it('refuses another source, naming both and the ways out; --add-source adds it, --full-refresh replaces it', async () => {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    const [a, b, c] = ['a', 'b', 'c'].map((name, i) => tinySource(join(settings.cwd, name), String(i + 1), 3 + i));
    const sparkify = async (...args: string[]) => {
      const io = bufferIO(settings.cwd);
      return { code: await main([...args, ...where, '--json'], io), out: io.out(), err: io.err() };
    };
    const snapshot = () =>
      withWarehouse(configFromSettings(settings), async (w) => ({ star: await starTableRows(w), runs: await w.query(`SELECT run_id FROM ${w.schema}.etl_runs`) }));

    expect((await sparkify('run', '--source', a!)).code).toBe(0);
    const before = await snapshot();
    const refused = await sparkify('etl', '--source', b!);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`was loaded from ${a}, not from ${b}; loading it would merge two datasets`);
    expect(refused.err).toContain(`--full-refresh to replace the warehouse's contents with ${b}`);
    expect(refused.err).toContain(`--add-source to add ${b} beside it on purpose`);
    expect(await snapshot()).toEqual(before);
    // The same folder named differently is the same source.
    expect((await sparkify('etl', '--log-data', join(a!, 'log_data'), '--song-data', join(a!, 'song_data', '.'))).code).toBe(0);

    const added = await sparkify('etl', '--source', b!, '--add-source');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out).tables.songplays).toBe(3 + 4);
    const third = await sparkify('run', '--source', c!);
    expect(third.code).toBe(1);
    expect(third.err).toContain(`was loaded from ${a} and ${b}, not from ${c}`);

    const replaced = await sparkify('run', '--source', c!, '--full-refresh');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out).tables).toMatchObject({ songplays: 5, users: 1 });
    expect((await sparkify('etl', '--source', a!)).err).toContain(`was loaded from ${c}, not from ${a}`);
    expect((await sparkify('etl', '--source', c!, '--add-source', '--full-refresh')).code).toBe(2);
  });
});

describe.skipIf(!sampleAvailable())("the README's first commands in one folder", () => {
  it('npm start loads the generated sample into its own file; the real sample then loads whole into sparkify.duckdb', async () => {
    const settings = await engineSettings('duckdb');
    const io = bufferIO(settings.cwd);
    expect(await main(['run', '--json'], io)).toBe(0);
    const sampleDb = join(settings.cwd, '.sparkify', 'sample.duckdb');
    expect(JSON.parse(io.out()).database).toBe(`duckdb ${sampleDb}`);
    // Looking for it in the default file says where it is, and creates nothing.
    const look = bufferIO(settings.cwd);
    expect(await main(['analyze', 'top-users'], look)).toBe(1);
    expect(look.err()).toContain(`no warehouse at ${join(settings.cwd, 'sparkify.duckdb')}`);
    expect(look.err()).toContain(`the generated sample of \`npm start\` is in ${sampleDb}: --database ${sampleDb}`);
    const real = bufferIO(settings.cwd);
    expect(await main(['run', '--source', udacitySample, '--json'], real)).toBe(0);
    const summary = JSON.parse(real.out());
    expect(summary.database).toBe(`duckdb ${join(settings.cwd, 'sparkify.duckdb')}`);
    expect(summary.tables).toMatchObject({ songplays: 6820, users: 97, songs: 71 });
  }, 60_000);
});
