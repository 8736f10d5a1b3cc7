import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { openDuckdbWarehouse } from '../../src/engines/duckdb/duckdb-warehouse.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { eventFields } from '../../src/schema/record-fields.js';
import { decodeFile } from '../../src/sources/decode-file.js';
import { listLocalFiles } from '../../src/sources/local-source.js';
import type { StageProgress } from '../../src/engines/warehouse.js';
import type { Reject } from '../../src/sources/source-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every known key, as in real logs: the reader checks keys only when a batch's first record has them all.
const base = {
  ...Object.fromEntries(eventFields.map((f) => [f.key, null])),
  page: 'NextSong',
  sessionId: 1,
  ts: 1541106106796,
  artist: 'A',
  song: 'S',
  length: 1.5,
  userId: '7',
  level: 'free',
};
const line = (over: Record<string, unknown>, item: number) => JSON.stringify({ ...base, itemInSession: item, ...over });

/** Edge values for every kind of field; the native reader must judge them as the decoder does. */
const cases: Record<string, unknown>[] = [
  {},
  { length: 246 },
  { length: -0.5e-3 },
  { status: 200.0 },
  { userId: 39 },
  { userId: '' },
  { artist: 'quote \' and "double" and \\ back' },
  { artist: 'unicode ☃ 𝄞 é' },
  { song: null },
  { registration: 1540919166796.0 },
  { sessionId: 'abc' },
  { sessionId: 2147483648 },
  { itemInSession: 1.5 },
  { length: '1.5' },
  { length: true },
  { artist: 12 },
  { artist: ['x'] },
  { artist: { a: 1 } },
  { userId: false },
  { userId: 1.25 },
  { ts: '1541106106796' },
  { page: '' },
  { song: 'nul \u0000 inside' },
  { userId: 'nul \u0000 in an id' },
  { auth: 'nul \u0000 in a field the transform never reads' },
  { ts: 253402300800000 },
  { ts: -62135596800001 },
  { artist: '\u0301 combining mark first, emoji last 👩‍👩‍👧' },
  { artist: '"', song: '\\', location: 'tab\there' },
  { artist: 'not a NUL: \\u0000' },
  { userId: '', firstName: '' },
  { length: 1e3, status: -0 },
  // Required fields null or absent (undefined leaves the key out), optional ones null.
  { sessionId: null },
  { ts: undefined },
  { page: null },
  { itemInSession: null },
  { length: null, userId: null, status: null },
  { ts: 1.5 },
];

describe('DuckDB staging agrees with the record decoder', () => {
  // With a listener for unknown fields the reader also checks every record's keys. Scratch
  // staging leaves out the fields the transform never reads (their columns stay NULL).
  it.each([
    [false, true],
    [true, true],
    [false, false],
  ])('loads exactly the records the decoder accepts, with the same values (keys checked: %s, unread fields stored: %s)', async (checkKeys, holdsUnread) => {
    const clean = join(dir, `clean-${checkKeys}-${holdsUnread}`);
    const mixed = join(dir, `mixed-${checkKeys}-${holdsUnread}`);
    mkdirSync(clean);
    mkdirSync(mixed);
    writeFileSync(
      join(clean, 'a.json'),
      cases
        .slice(0, 10)
        .map((c, i) => line(c, i))
        .join('\n'),
    );
    cases.forEach((c, i) => {
      writeFileSync(join(mixed, `case-${String(i).padStart(2, '0')}.json`), `${line(c, 100 + i)}\n${line({}, 200 + i)}\n`);
    });
    const files = [...(await listLocalFiles(clean)), ...(await listLocalFiles(mixed))];

    const expectedRows: unknown[][] = [];
    const expectedRejects: Reject[] = [];
    for (const file of files) {
      for await (const record of decodeFile('events', file.path, (r) => expectedRejects.push(r))) {
        expectedRows.push(
          record.values.map((v, i) => (!holdsUnread && eventFields[i]!.unreadAfterStaging ? null : eventFields[i]!.kind === 'epoch_ms' ? new Date(v as number).toISOString() : v)),
        );
      }
    }

    const config = loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, `w-${checkKeys}-${holdsUnread}.duckdb`) } });
    const warehouse = await openDuckdbWarehouse(config);
    try {
      await createTables(warehouse, { drop: true });
      const rejects: Reject[] = [];
      const progress: StageProgress[] = [];
      const drift: string[] = [];
      const onUnknownFields = checkKeys ? (_kind: string, file: string) => drift.push(file) : undefined;
      const result = await warehouse.stage('events', files, {
        runId: 'r',
        onReject: (r) => rejects.push(r),
        onProgress: (p) => progress.push(p),
        onUnknownFields,
        stagesUnreadFields: holdsUnread,
      });
      const columns = eventFields.map((f) => f.column).join(', ');
      const rows = await warehouse.query(`SELECT ${columns} FROM staging_events ORDER BY session_id, item_in_session`);
      const sortKey = (r: unknown[]) => `${String(r[12]).padStart(12)}-${String(r[4]).padStart(6)}`;
      expect(result.rows).toBe(expectedRows.length);
      expect(rows.map((r) => Object.values(r))).toEqual([...expectedRows].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
      expect(rejects).toEqual(expectedRejects);
      expect(rejects.length).toBe(22);
      expect(drift).toEqual([]);
      const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
      expect(progress.at(-1)).toMatchObject({ files: files.length, totalFiles: files.length, rows: expectedRows.length, bytes: totalBytes, totalBytes });
    } finally {
      await warehouse.close();
    }
  });
});

describe('DuckDB staging rejects an escaped NUL', () => {
  // Alone among clean records, so the one-pass load meets it (not the per-record check of a batch with many bad files).
  it.each([true, false])('in a stored field or in one staging leaves out (unread fields stored: %s)', async (holdsUnread) => {
    const folder = join(dir, `nul-${holdsUnread}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), [line({}, 1), line({ song: 'nul \u0000 in a stored field' }, 2), line({}, 3)].join('\n'));
    writeFileSync(join(folder, 'b.json'), [line({}, 4), line({ method: 'nul \u0000 in a field the transform never reads' }, 5)].join('\n'));
    const config = loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, `nul-${holdsUnread}.duckdb`) } });
    const warehouse = await openDuckdbWarehouse(config);
    try {
      await createTables(warehouse, { drop: true });
      const rejects: Reject[] = [];
      const result = await warehouse.stage('events', await listLocalFiles(folder), { runId: 'r', onReject: (r) => rejects.push(r), stagesUnreadFields: holdsUnread });
      expect(result.rows).toBe(3);
      expect(rejects.map((r) => [r.file.split('/').pop(), r.line])).toEqual([
        ['a.json', 2],
        ['b.json', 2],
      ]);
      for (const reject of rejects) expect(reject.reason).toMatch(/NUL/);
    } finally {
      await warehouse.close();
    }
  });
});

describe('DuckDB staging finds unknown fields while it reads', () => {
  it('reads clean files once, and counts unknown fields per file wherever they start, beside rejects', async () => {
    const clean = join(dir, 'keys-clean');
    const drifting = join(dir, 'keys-drifting');
    mkdirSync(clean);
    mkdirSync(drifting);
    const lines = (n: number, extra: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => line(extra(i), i)).join('\n');
    writeFileSync(
      join(clean, 'a.json'),
      lines(5, () => ({})),
    );
    writeFileSync(
      join(clean, 'b.json'),
      lines(5, () => ({})),
    );
    // From line 3 on, and in line 1 of another file; one more file with a bad record.
    writeFileSync(
      join(drifting, 'a-later.json'),
      lines(5, (i) => (i >= 2 ? { sessionLength: 42 } : {})),
    );
    writeFileSync(
      join(drifting, 'b-first.json'),
      lines(4, (i) => (i === 0 ? { genre: 'jazz', Artist: 'case counts' } : {})),
    );
    writeFileSync(join(drifting, 'c-bad.json'), `${line({}, 0)}\n${line({ sessionId: 'abc' }, 1)}\n`);

    const config = loadConfig({ cwd: dir, env: {}, flags: { database: join(dir, 'keys.duckdb') } });
    const warehouse = await openDuckdbWarehouse(config);
    const statements: string[] = [];
    const query = warehouse.query.bind(warehouse);
    warehouse.query = (sql, params) => {
      statements.push(sql);
      return query(sql, params);
    };
    try {
      await createTables(warehouse, { drop: true });
      const stageFiles = async (root: string) => {
        const files = await listLocalFiles(root);
        const rejects: Reject[] = [];
        const drift: { file: string; field: string; records: number }[] = [];
        await warehouse.run('DELETE FROM staging_events');
        const result = await warehouse.stage('events', files, {
          runId: 'r',
          onReject: (r) => rejects.push(r),
          onUnknownFields: (_kind, file, sightings) => drift.push(...sightings.map(({ field, records }) => ({ file: file.slice(root.length + 1), field, records }))),
        });
        return { rows: result.rows, rejects, drift: drift.sort((a, b) => `${a.file}${a.field}`.localeCompare(`${b.file}${b.field}`)) };
      };

      statements.length = 0;
      expect(await stageFiles(clean)).toEqual({ rows: 10, rejects: [], drift: [] });
      expect(statements.filter((sql) => sql.includes('json_keys'))).toEqual([]);

      const staged = await stageFiles(drifting);
      expect(staged.rows).toBe(5 + 4 + 1);
      expect(staged.rejects).toEqual([expect.objectContaining({ file: join(drifting, 'c-bad.json'), line: 2 })]);
      expect(staged.drift).toEqual([
        { file: 'a-later.json', field: 'sessionLength', records: 3 },
        { file: 'b-first.json', field: 'Artist', records: 1 },
        { file: 'b-first.json', field: 'genre', records: 1 },
      ]);

      // The batch's first file goes to the decoder, so the next one decides whether keys are checked;
      // a file with a new key and a bad record is decoded, and reports both.
      const mixed = join(dir, 'keys-mixed');
      mkdirSync(mixed);
      writeFileSync(join(mixed, 'a-bad.json'), `${line({}, 0)}\n${line({ ts: 'soon' }, 1)}\n`);
      writeFileSync(
        join(mixed, 'b-both.json'),
        lines(4, (i) => (i === 1 ? { mood: 'calm' } : i === 2 ? { level: 3 } : {})),
      );
      writeFileSync(
        join(mixed, 'c-clean.json'),
        lines(3, () => ({})),
      );
      writeFileSync(
        join(mixed, 'd-late.json'),
        lines(5, (i) => (i >= 3 ? { mood: 'calm' } : {})),
      );
      const decoded = await stageFiles(mixed);
      expect(decoded.rows).toBe(1 + 3 + 3 + 5);
      expect(decoded.rejects.map((r) => [r.file.slice(mixed.length + 1), r.line])).toEqual([
        ['a-bad.json', 2],
        ['b-both.json', 3],
      ]);
      expect(decoded.drift).toEqual([
        { file: 'b-both.json', field: 'mood', records: 1 },
        { file: 'd-late.json', field: 'mood', records: 2 },
      ]);
    } finally {
      await warehouse.close();
    }
  });
});
