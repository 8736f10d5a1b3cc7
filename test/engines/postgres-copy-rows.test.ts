import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRowChunks } from '../../src/engines/postgres/copy-rows.js';
import { SparkifyError } from '../../src/errors.js';
import { stageWithCopy } from '../../src/engines/postgres/postgres-stage.js';
import { createTableSql } from '../../src/sql/render-ddl.js';
import { stagingEvents } from '../../src/schema/tables.js';
import { PostgresDialect } from '../../src/sql/dialects/postgres-dialect.js';
import { listLocalFiles } from '../../src/sources/local-source.js';
import type { Reject } from '../../src/sources/source-file.js';
import { type BinaryCell, readBinaryRows } from '../helpers/binary-copy-rows.js';
import { adminSql, engines, pgUrl } from '../helpers/engines.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-copy-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (session: number, item: number) =>
  JSON.stringify({ page: 'NextSong', sessionId: session, itemInSession: item, ts: 1541106106796 + item, artist: 'A\tB', song: 'S', length: 1.5, userId: '7' });

/**
 * Three files: one of ~3 MB (read in several chunks, so lines cross chunk edges) with bad
 * lines at known places, one with BOM, CRLF and blank lines, and one with no final newline.
 */
function writeFiles(): { rows: number; bad: { file: string; line: number }[] } {
  const big: string[] = [];
  const bad: { file: string; line: number }[] = [];
  for (let i = 0; i < 12_000; i++) {
    if (i % 5_000 === 4_999) {
      big.push('{"page": "NextSong", broken');
      bad.push({ file: join(dir, 'a-big.json'), line: i + 1 });
    } else big.push(event(1, i));
  }
  writeFileSync(join(dir, 'a-big.json'), `${big.join('\n')}\n`);
  writeFileSync(join(dir, 'b-crlf.json'), `\uFEFF${event(2, 0)}\r\n\r\n${event(2, 1)}\r\n[1]\r\n`);
  bad.push({ file: join(dir, 'b-crlf.json'), line: 4 });
  writeFileSync(join(dir, 'c-no-newline.json'), `${event(3, 0)}\n${event(3, 1)}`);
  return { rows: 12_000 - 2 + 2 + 2, bad };
}

const expected = writeFiles();
const files = await listLocalFiles(dir);

describe('COPY rows from event files', () => {
  it('encodes every good line, rejects each bad one with its file and line, and counts files as they finish', async () => {
    const rejects: Reject[] = [];
    const progress: [number, number][] = [];
    const rows: BinaryCell[][] = [];
    for await (const chunk of copyRowChunks('events', files, { onReject: (r) => rejects.push(r), onFileDone: (f, r) => progress.push([f, r]) })) {
      expect(chunk.length).toBeLessThanOrEqual(1 << 17);
      rows.push(...readBinaryRows(chunk));
    }
    expect(rows).toHaveLength(expected.rows);
    expect(rows[0]).toHaveLength(19);
    expect(rows[0]![0]!.toString()).toBe('A\tB');
    expect(rows.at(-1)![18]!.toString()).toBe(join(dir, 'c-no-newline.json'));
    expect(rejects.map((r) => ({ file: r.file, line: r.line }))).toEqual(expected.bad);
    expect(progress).toEqual([
      [1, 11_998],
      [2, 12_000],
      [3, 12_002],
    ]);
  });
});

describe.skipIf(!engines.includes('postgres'))('staging through encoder threads on PostgreSQL', () => {
  // 0: no thread started, the small-input path.
  it.each([0, 1, 3])('loads the same rows and rejects with %i thread(s)', async (threads) => {
    const schema = `copy_rows_${threads}_${Date.now().toString(36)}`;
    await adminSql(`CREATE SCHEMA ${schema}`);
    const client = new pg.Client({ connectionString: pgUrl() });
    await client.connect();
    const previous = process.env.SPARKIFY_ENCODER_THREADS;
    process.env.SPARKIFY_ENCODER_THREADS = String(threads);
    try {
      const dialect = new PostgresDialect();
      for (const sql of createTableSql(dialect, schema, stagingEvents)) await client.query(sql);
      const rejects: Reject[] = [];
      const progress: number[] = [];
      const result = await stageWithCopy(client, schema, 'events', files, { runId: 'test', onReject: (r) => rejects.push(r), onProgress: (p) => progress.push(p.files) });
      expect(result.rows).toBe(expected.rows);
      const { rows } = await client.query(`SELECT source_file, COUNT(*)::int AS n FROM ${schema}.staging_events GROUP BY 1 ORDER BY 1`);
      expect(rows).toEqual([
        { source_file: join(dir, 'a-big.json'), n: 11_998 },
        { source_file: join(dir, 'b-crlf.json'), n: 2 },
        { source_file: join(dir, 'c-no-newline.json'), n: 2 },
      ]);
      const first = await client.query(
        `SELECT artist, (EXTRACT(EPOCH FROM ts) * 1000)::bigint::text AS ms, length, user_id, item_in_session FROM ${schema}.staging_events WHERE session_id = 3 ORDER BY item_in_session LIMIT 1`,
      );
      expect(first.rows).toEqual([{ artist: 'A\tB', ms: '1541106106796', length: 1.5, user_id: '7', item_in_session: 0 }]);
      expect(rejects).toHaveLength(expected.bad.length);
      expect(progress.at(-1)).toBe(3);
    } finally {
      if (previous === undefined) delete process.env.SPARKIFY_ENCODER_THREADS;
      else process.env.SPARKIFY_ENCODER_THREADS = previous;
      await client.end();
      await adminSql(`DROP SCHEMA ${schema} CASCADE`);
    }
  });
});

describe.skipIf(!engines.includes('postgres'))('a staging table whose column types were changed by hand', () => {
  it('fails with the table, the columns and what to do, not a wire-format error; VARCHAR still takes text', async () => {
    const schema = `copy_types_${Date.now().toString(36)}`;
    await adminSql(`CREATE SCHEMA ${schema}`);
    const client = new pg.Client({ connectionString: pgUrl() });
    await client.connect();
    try {
      for (const sql of createTableSql(new PostgresDialect(), schema, stagingEvents)) await client.query(sql);
      await client.query(`ALTER TABLE ${schema}.staging_events ALTER COLUMN artist TYPE VARCHAR(300)`);
      const stage = () => stageWithCopy(client, schema, 'events', files, { runId: 'test', onReject: () => undefined });
      expect((await stage()).rows).toBe(expected.rows);
      await client.query(`ALTER TABLE ${schema}.staging_events ALTER COLUMN session_id TYPE BIGINT`);
      const error = await stage().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SparkifyError);
      expect((error as SparkifyError).transient).toBe(false);
      expect((error as Error).message).toContain(`"${schema}"."staging_events" does not have the column types sparkify stages into (session_id is bigint, not integer)`);
      expect((error as Error).message).toContain(`DROP TABLE "${schema}"."staging_events"`);
    } finally {
      await client.end();
      await adminSql(`DROP SCHEMA ${schema} CASCADE`);
    }
  });
});
