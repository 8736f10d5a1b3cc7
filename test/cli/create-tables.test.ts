import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { configFromSettings } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engines, engineSettings } from '../helpers/engines.js';

describe.each(engines)('on %s, resets are deliberate', (engine) => {
  async function loaded() {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    const src = join(settings.cwd, 'src');
    mkdirSync(join(src, 'log_data'), { recursive: true });
    mkdirSync(join(src, 'song_data'), { recursive: true });
    const play = (session: number) =>
      JSON.stringify({ page: 'NextSong', sessionId: session, itemInSession: 0, ts: 1541116106796 + session, userId: '7', level: 'free', song: 's', artist: 'a', length: 1 });
    writeFileSync(join(src, 'log_data', 'day.json'), `${play(1)}\n${play(2)}\n`);
    const sparkify = async (...args: string[]) => {
      const io = bufferIO(settings.cwd);
      return { code: await main([...args, ...where], io), out: io.out(), err: io.err() };
    };
    expect((await sparkify('run', '--source', src)).code).toBe(0);
    const count = (table: string) => withWarehouse(configFromSettings(settings), async (w) => Number((await w.query(`SELECT COUNT(*) AS n FROM ${w.schema}.${table}`))[0]?.n));
    return { settings, src, sparkify, count };
  }

  it('create-tables on a warehouse that holds rows refuses without --force and says what it would drop', async () => {
    const { sparkify, count, settings } = await loaded();
    const refused = await sparkify('create-tables');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('holds loaded data; create-tables would drop songplays (2 rows), users (1 row)');
    expect(refused.err).toContain('etl_runs (1 row)');
    expect(refused.err).toContain('Nothing was changed — pass --force to drop and recreate every table');
    expect(await count('songplays')).toBe(2);

    const forced = await sparkify('create-tables', '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain(`created 16 tables in ${engine === 'duckdb' ? `duckdb ${settings.database}` : ''}`);
    expect(await count('songplays')).toBe(0);
    expect(await count('etl_runs')).toBe(0);
    // Empty now: no --force needed.
    expect((await sparkify('create-tables')).code).toBe(0);
  });

  it('run on a warehouse missing a table (an older version) adds it and keeps what is loaded', async () => {
    const { sparkify, count, settings, src } = await loaded();
    await withWarehouse(configFromSettings(settings), (w) => w.run(`DROP TABLE ${w.schema}.warehouse_sources`));
    expect((await sparkify('run', '--source', src)).code).toBe(0);
    expect(await count('songplays')).toBe(2);
    expect(await count('warehouse_sources')).toBe(1);
  });
});
