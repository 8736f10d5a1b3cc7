import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../src/cli/args.js';
import sqlCommand from '../../../src/cli/sql-command.js';
import { bufferIO } from '../../helpers/cli-io.js';

const cfg = `[IAM_ROLE]
ARN=arn:aws:iam::123456789012:role/sparkify-redshift-s3-read

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'
`;

async function sql(argv: string[], dwhCfg = cfg): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-sql-'));
  writeFileSync(join(dir, 'dwh.cfg'), dwhCfg);
  const io = bufferIO(dir);
  expect(await sqlCommand.run(parseCommandArgs(sqlCommand, argv), io)).toBe(0);
  return io.out();
}

describe('sparkify sql', () => {
  it('prints the Redshift DDL, the COPYs from the configured S3 locations, the transform and the checks', async () => {
    const out = await sql(['--target', 'redshift']);
    expect(out).toContain('-- sparkify sql --target redshift: the SQL of one run in schema "public"; nothing is executed.');
    expect(out).toMatch(/CREATE TABLE IF NOT EXISTS "public"\."songplays" \([\s\S]*?\)\nDISTSTYLE KEY DISTKEY \("song_id"\) SORTKEY \("start_time"\);/);
    expect(
      out,
    ).toContain(`COPY "public"."staging_songs" ("num_songs", "artist_id", "artist_latitude", "artist_longitude", "artist_location", "artist_name", "song_id", "title", "duration", "year")
FROM 's3://udacity-dend/song_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 'auto ignorecase'
REGION 'us-west-2'
MAXERROR 100000`);
    expect(out).toMatch(
      /FROM 's3:\/\/udacity-dend\/log_data'\nIAM_ROLE '[^']+'\nFORMAT AS JSON 's3:\/\/udacity-dend\/log_json_path\.json'\nREGION 'us-west-2'\nTIMEFORMAT 'epochmillisecs'/,
    );
    expect(out).toMatch(/-- 3\. transform[^\n]*\nBEGIN;\n-- songs\nINSERT INTO "public"\."songs"[\s\S]*-- time\nINSERT INTO "public"\."time"[\s\S]*COMMIT;\n/);
    expect(out).toContain('-- every staged NextSong is a songplay\nSELECT COUNT(*) AS n0 FROM "public"."staging_events" e');
    expect(out).not.toContain('Not configured yet');
  });

  it('shows placeholders, and says so, for what dwh.cfg does not configure yet', async () => {
    const out = await sql(['--target', 'redshift', '--max-errors', '10'], '');
    expect(out).toContain(`IAM_ROLE '<[IAM_ROLE] ARN>'`);
    expect(out).toContain(`FROM '<[S3] LOG_DATA>'`);
    expect(out).toContain('\nMAXERROR 10\n');
    expect(out).toContain('-- Not configured yet: [IAM_ROLE] ARN, [S3] SONG_DATA, [S3] LOG_JSONPATH, [S3] LOG_DATA (dwh.cfg or `sparkify infra up`).');
  });

  it('prints the same transform for DuckDB, with its own DDL and no COPY from S3', async () => {
    const out = await sql(['--target', 'duckdb', '--drop']);
    expect(out).toContain('CREATE SEQUENCE IF NOT EXISTS "main"."songplays_seq";');
    expect(out).toContain('DROP TABLE IF EXISTS "main"."songplays";');
    expect(out).not.toContain('DISTSTYLE');
    expect(out).not.toContain('COPY');
    expect(out).toContain('INSERT INTO "main"."songplays"');
  });
});
