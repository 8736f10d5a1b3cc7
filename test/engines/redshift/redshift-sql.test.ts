import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySql, jsonPathsJson, maxErrorFor } from '../../../src/sql/dialects/redshift-copy.js';
import { toRedshiftSql } from '../../../src/engines/redshift/sql-text.js';
import { schemaSql } from '../../../src/sql/render-ddl.js';
import { allTables } from '../../../src/schema/tables.js';
import { checkQueries } from '../../../src/sql/checks.js';
import { RedshiftDialect } from '../../../src/sql/dialects/redshift-dialect.js';
import { transformSteps } from '../../../src/sql/transform.js';
import { engines, pgUrl } from '../../helpers/engines.js';
import { installGetdate, stripRedshiftOnly } from './pg-compat.js';

const schema = `rs_${randomBytes(4).toString('hex')}`;
const ddl = schemaSql(new RedshiftDialect(), schema, allTables, { drop: true });
const createOf = (table: string) => ddl.find((s) => s.startsWith(`CREATE TABLE "${schema}"."${table}"`))!;
const copyOptions = { schema, iamRoleArn: 'arn:aws:iam::123456789012:role/sparkify-s3-read', region: 'us-west-2', maxErrors: undefined };

describe('Redshift DDL: the seeds’ physical design', () => {
  it('songplays is distributed on song_id and sorted by start_time', () => {
    expect(createOf('songplays')).toMatch(/\nDISTSTYLE KEY DISTKEY \("song_id"\) SORTKEY \("start_time"\)$/);
  });

  it('songs shares the song_id distribution; the small dimensions are copied to every node', () => {
    expect(createOf('songs')).toMatch(/\nDISTSTYLE KEY DISTKEY \("song_id"\) SORTKEY \("song_id"\)$/);
    for (const table of ['users', 'artists', 'time']) expect(createOf(table)).toMatch(/\nDISTSTYLE ALL SORTKEY \("\w+"\)$/);
    expect(createOf('staging_events')).toMatch(/\nDISTSTYLE EVEN$/);
  });

  it('uses IDENTITY(0,1) for the surrogate key and byte-length VARCHARs', () => {
    expect(createOf('songplays')).toContain('"songplay_id" BIGINT IDENTITY(0,1) NOT NULL');
    expect(createOf('songplays')).toContain('"level" VARCHAR(256)');
    expect(createOf('songplays')).toContain('"user_agent" VARCHAR(65535)');
    expect(createOf('songplays')).toContain('"start_time" TIMESTAMP NOT NULL');
    expect(createOf('artists')).toContain('"latitude" DOUBLE PRECISION');
    expect(new RedshiftDialect().enforcesConstraints).toBe(false);
  });
});

describe('Redshift COPY text', () => {
  it('events: column list in JSONPaths order, IAM role, JSONPaths, region, epoch-ms timestamps, MAXERROR', () => {
    const sql = copySql(
      { ...copyOptions, kind: 'events', jsonPaths: 's3://udacity-dend/log_json_path.json' },
      { from: 's3://udacity-dend/log_data', manifest: false, gzip: false },
    );
    expect(
      sql,
    ).toBe(`COPY "${schema}"."staging_events" ("artist", "auth", "first_name", "gender", "item_in_session", "last_name", "length", "level", "location", "method", "page", "registration", "session_id", "song", "status", "ts", "user_agent", "user_id")
FROM 's3://udacity-dend/log_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-s3-read'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
REGION 'us-west-2'
TIMEFORMAT 'epochmillisecs'
MAXERROR 100000
COMPUPDATE OFF
STATUPDATE OFF`);
  });

  it('songs: keys by name, case-insensitive; a manifest and gzip when asked', () => {
    const sql = copySql({ ...copyOptions, kind: 'songs', jsonPaths: undefined }, { from: 's3://b/run/songs-gzip.manifest', manifest: true, gzip: true });
    expect(sql).toContain(`FORMAT AS JSON 'auto ignorecase'\nMANIFEST\nGZIP\nREGION 'us-west-2'`);
    expect(sql).not.toContain('TIMEFORMAT');
  });

  it('MAXERROR follows --max-errors up to Redshift’s ceiling of 100000', () => {
    expect([maxErrorFor(undefined), maxErrorFor(0), maxErrorFor(25), maxErrorFor(5_000_000)]).toEqual([100_000, 0, 25, 100_000]);
    expect(copySql({ ...copyOptions, kind: 'songs', jsonPaths: undefined, maxErrors: 3 }, { from: 's3://b/p', manifest: false, gzip: false })).toContain('\nMAXERROR 3\n');
  });

  it('the generated JSONPaths lists the keys in the order of the Udacity log_json_path.json', () => {
    expect(JSON.parse(jsonPathsJson('events')).jsonpaths.map((p: string) => p.slice(3, -2))).toEqual([
      'artist',
      'auth',
      'firstName',
      'gender',
      'itemInSession',
      'lastName',
      'length',
      'level',
      'location',
      'method',
      'page',
      'registration',
      'sessionId',
      'song',
      'status',
      'ts',
      'userAgent',
      'userId',
    ]);
  });
});

describe.skipIf(!engines.includes('postgres'))('the generated Redshift SQL, parsed by a real PostgreSQL server', () => {
  let client: pg.Client;
  beforeAll(async () => {
    await installGetdate();
    client = new pg.Client({ connectionString: pgUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client?.end();
  });

  it('the DDL creates every table once the Redshift-only attributes are stripped', async () => {
    for (const statement of ddl) await client.query(stripRedshiftOnly(statement));
    const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(rows.map((r) => r.table_name)).toEqual(allTables.map((t) => t.name).sort());
  });

  it('the head of each COPY names an existing table and columns (PostgreSQL gets as far as opening the file)', async () => {
    for (const kind of ['events', 'songs'] as const) {
      const sql = copySql({ ...copyOptions, kind, jsonPaths: 's3://b/paths.json' }, { from: 's3://b/p', manifest: false, gzip: false });
      const head = sql.split('\n')[0]!;
      const error = await client.query(`${head} FROM '/nonexistent/sparkify.json'`).catch((e: { code?: string }) => e);
      expect((error as { code?: string }).code).toBe('58P01'); // undefined_file: parsed and resolved, only the file is missing
    }
  });

  it('every transform step and check, as the Redshift engines send them, plans on PostgreSQL', async () => {
    const statements = [...transformSteps(schema).map((s) => s.sql), ...checkQueries(schema).map((c) => c.sql)].map(toRedshiftSql);
    for (const sql of statements) await client.query(`EXPLAIN ${sql}`);
    expect(statements.length).toBeGreaterThan(10);
  });
});
