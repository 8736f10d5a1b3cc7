import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engines, engineSettings } from '../helpers/engines.js';

const hostile = [
  "'); DROP TABLE songplays; --",
  'semi; colon /* comment */ -- dash',
  '$1 $2 :name ? %s \\N \\ backslash',
  'tab\there, newline\nthere, carriage\rreturn',
  'unicode ☃ 𝄞 é 中文 \u202e right-to-left',
  `"double" and 'single' quotes`,
  'x'.repeat(100_000),
];

function writeSource(root: string): void {
  mkdirSync(join(root, 'log_data'), { recursive: true });
  mkdirSync(join(root, 'song_data'), { recursive: true });
  const lines = hostile.map((text, i) =>
    JSON.stringify({
      page: 'NextSong',
      sessionId: 7,
      itemInSession: i,
      ts: 1541106106796 + i,
      userId: '9',
      level: 'free',
      artist: text,
      song: text,
      location: text,
      userAgent: text,
      firstName: text,
    }),
  );
  writeFileSync(join(root, 'log_data', "day's; DROP TABLE users; --.json"), `${lines.join('\n')}\n{"broken": '); DROP TABLE users; --\n`);
  writeFileSync(join(root, 'song_data', 'song ☃.json'), JSON.stringify({ song_id: "S'1", artist_id: 'A;1', title: hostile[0], artist_name: hostile[4] }));
}

describe.each(engines)('hostile values on %s are stored verbatim or rejected, never executed', (engine) => {
  it('paths and record values with quotes, semicolons, comment markers, unicode and very long text', async () => {
    const settings = await engineSettings(engine);
    const root = join(settings.cwd, 'it\'s; a -- "hostile" ☃ folder');
    writeSource(root);
    // Kept so the staged values can be read after the run (DuckDB stages into temporary tables otherwise).
    const summary = await runPipeline({ ...settings, source: root, keepStaging: true });
    expect(summary.tables).toMatchObject({ staging_events: hostile.length, songplays: hostile.length, users: 1, songs: 1, artists: 1 });
    expect(summary.rejects).toEqual({ events: 1, songs: 0 });

    await withWarehouse(configFromSettings(settings), async (w) => {
      const s = `"${settings.schema}"`;
      const plays = await w.query(`SELECT item_in_session, location, user_agent FROM ${s}.songplays ORDER BY item_in_session`);
      expect(plays.map((p) => p.location)).toEqual(hostile);
      expect(plays.map((p) => p.user_agent)).toEqual(hostile);
      const staged = await w.query(`SELECT artist, song, source_file FROM ${s}.staging_events ORDER BY item_in_session`);
      expect(staged.map((r) => r.artist)).toEqual(hostile);
      expect(staged[0]!.source_file).toBe(join(root, 'log_data', "day's; DROP TABLE users; --.json"));
      const [song] = await w.query(`SELECT s.song_id, s.title, a.name FROM ${s}.songs s JOIN ${s}.artists a ON a.artist_id = s.artist_id`);
      expect(song).toEqual({ song_id: "S'1", title: hostile[0], name: hostile[4] });
      const [reject] = await w.query(`SELECT source_file, line_number, raw_line FROM ${s}.load_errors`);
      expect(reject).toMatchObject({ line_number: hostile.length + 1, raw_line: `{"broken": '); DROP TABLE users; --` });
      const [users] = await w.query(`SELECT COUNT(*) AS n FROM ${s}.users`);
      expect(users!.n).toBe(1);
    });
  });

  it('refuses a hostile schema name with a clear error', async () => {
    const settings = await engineSettings(engine);
    const io = bufferIO(settings.cwd);
    const code = await main(['create-tables', '--target', settings.target, '--database', settings.database, '--schema', 'x"; DROP SCHEMA public; --'], io);
    // A bad flag value is a usage error (exit 2), named by its flag.
    expect(code).toBe(2);
    expect(io.err()).toContain('(--schema) is not a plain identifier');
  });
});
