import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/cli-io.js';
import { adminSql, engines, engineSettings, pgUrl } from '../helpers/engines.js';

const password = 'Kn0wn-Pa55word-xyz';

describe.skipIf(!engines.includes('postgres'))('a known password appears in no output of a run', () => {
  it('run --json, runs, analyze, failures and the warehouse tables never show it', async () => {
    const settings = await engineSettings('postgres');
    const role = `${settings.schema}_user`;
    await adminSql(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'; GRANT CREATE ON DATABASE ${new URL(pgUrl()).pathname.slice(1)} TO ${role}`);
    const url = new URL(pgUrl());
    url.username = role;
    url.password = password;
    const root = join(settings.cwd, 'src');
    mkdirSync(join(root, 'log_data'), { recursive: true });
    mkdirSync(join(root, 'song_data'), { recursive: true });
    writeFileSync(join(root, 'log_data', 'a.json'), `${JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1, userId: '1' })}\nnot json\n`);

    const outputs: string[] = [];
    const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const io = bufferIO(settings.cwd, env);
      const code = await main(args, io);
      outputs.push(io.out(), io.err());
      return code;
    };
    const common = ['--target', 'postgres', '--schema', settings.schema];
    expect(await cli(['run', ...common, '--database', url.toString(), '--source', root, '--json'])).toBe(0);
    expect(await cli(['runs', ...common, '--database', url.toString(), '--json'])).toBe(0);
    expect(await cli(['etl', ...common, '--source', root], { SPARKIFY_DATABASE_URL: url.toString() })).toBe(0);
    const wrongDb = new URL(url.toString());
    wrongDb.pathname = '/no_such_database';
    expect(await cli(['etl', ...common, '--database', wrongDb.toString(), '--source', root])).toBe(1);
    const wrongPassword = new URL(url.toString());
    wrongPassword.password = `${password}-wrong`;
    expect(await cli(['etl', ...common, '--database', wrongPassword.toString(), '--source', root])).toBe(1);
    expect(await cli(['etl', ...common, '--database', url.toString(), '--source', join(root, 'missing')])).toBe(1);

    const stored = await (async () => {
      const io = bufferIO(settings.cwd);
      await main(['runs', ...common, '--database', url.toString(), '--json', '--limit', '100'], io);
      return io.out();
    })();
    const everything = [...outputs, stored].join('\n');
    expect(everything).toContain('password authentication failed');
    expect(everything).toContain('no_such_database');
    expect(everything).not.toContain(password);
  });
});
