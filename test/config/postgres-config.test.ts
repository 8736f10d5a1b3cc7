import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { redactSecrets } from '../../src/redact.js';

function dirWith(cfg: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-cfg-'));
  writeFileSync(join(dir, 'dwh.cfg'), cfg);
  return dir;
}

describe('PostgreSQL settings', () => {
  it('builds the URL from dwh.cfg [POSTGRES] parts, encoding what needs it, and hides the password', () => {
    const dir = dirWith('[LOCAL]\nTARGET=postgres\n[POSTGRES]\nHOST=db.example\nPORT=6543\nDB_NAME=sparkify\nDB_USER=etl user\nDB_PASSWORD=p@ss:w/rd#1\n');
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.database).toBe('postgres://etl%20user:p%40ss%3Aw%2Frd%231@db.example:6543/sparkify');
    expect(config.schema).toBe('public');
    expect(redactSecrets(`failed: p@ss:w/rd#1 and ${config.database}`)).not.toMatch(/p@ss|p%40ss/);
  });

  it('takes [POSTGRES] URL as it is, port 5432 by default', () => {
    expect(loadConfig({ cwd: dirWith('[LOCAL]\nTARGET=postgres\n[POSTGRES]\nURL=postgres://u:pw12@h/d\n'), env: {} }).database).toBe('postgres://u:pw12@h/d');
    expect(loadConfig({ cwd: dirWith('[LOCAL]\nTARGET=postgres\n[POSTGRES]\nHOST=h\nDB_NAME=d\n'), env: {} }).database).toBe('postgres://h:5432/d');
  });

  it('prefers --database, then SPARKIFY_DATABASE_URL, then [POSTGRES]', () => {
    const dir = dirWith('[LOCAL]\nTARGET=postgres\n[POSTGRES]\nURL=postgres://from-file/d\n');
    const env = { SPARKIFY_DATABASE_URL: 'postgres://from-env/d' };
    expect(loadConfig({ cwd: dir, env }).database).toBe('postgres://from-env/d');
    expect(loadConfig({ cwd: dir, env, flags: { database: 'postgres://from-flag/d' } }).database).toBe('postgres://from-flag/d');
  });

  it('leaves DuckDB alone when [POSTGRES] is filled in', () => {
    const dir = dirWith('[POSTGRES]\nURL=postgres://u:secretpw@h/d\n');
    expect(loadConfig({ cwd: dir, env: {} }).database).toBe(join(dir, 'sparkify.duckdb'));
    expect(redactSecrets('secretpw')).toBe('***');
  });

  it('takes --schema for several warehouses in one database, and refuses a name that is not plain', () => {
    expect(loadConfig({ cwd: tmpdir(), env: {}, flags: { target: 'postgres', schema: 'team_a' } }).schema).toBe('team_a');
    expect(() => loadConfig({ cwd: tmpdir(), env: {}, flags: { target: 'postgres', schema: 'a;drop' } })).toThrow(/not a plain identifier/);
  });
});
