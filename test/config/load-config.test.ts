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

describe('configuration', () => {
  it('defaults to an embedded DuckDB file in the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-cfg-'));
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.target).toBe('duckdb');
    expect(config.database).toBe(join(dir, 'sparkify.duckdb'));
    expect(config.schema).toBe('main');
    expect(config.configFile).toBeUndefined();
  });

  it('reads dwh.cfg, then SPARKIFY_* overrides it, then flags override both', () => {
    const dir = dirWith('[LOCAL]\nSOURCE=from-file\nMAX_ERRORS=5\n[DWH]\nDWH_NUM_NODES=2\n');
    expect(loadConfig({ cwd: dir, env: {} })).toMatchObject({ source: 'from-file', maxErrors: 5, dwh: { numNodes: 2 } });
    expect(loadConfig({ cwd: dir, env: { SPARKIFY_SOURCE: 'from-env' } }).source).toBe('from-env');
    expect(loadConfig({ cwd: dir, env: { SPARKIFY_SOURCE: 'from-env' }, flags: { source: 'from-flag', 'max-errors': '0' } })).toMatchObject({
      source: 'from-flag',
      maxErrors: 0,
    });
  });

  it('names the key, the file and the line of a wrong value', () => {
    const dir = dirWith('[DWH]\nDWH_NUM_NODES = four\n');
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/\[DWH\] DWH_NUM_NODES in .*dwh\.cfg \(line 2\) must be a whole number, got "four"/);
  });

  it('rejects an unknown target and lists the known ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-cfg-'));
    expect(() => loadConfig({ cwd: dir, env: {}, flags: { target: 'oracle' } })).toThrow(/--target must be one of duckdb, postgres, redshift/);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-cfg-'));
    expect(() => loadConfig({ cwd: dir, env: {}, flags: { schema: 'x"; DROP TABLE users; --' } })).toThrow(/not a plain identifier/);
  });

  it('reports a missing explicit config file', () => {
    expect(() => loadConfig({ cwd: tmpdir(), env: {}, flags: { config: 'nope.cfg' } })).toThrow(/nope\.cfg does not exist/);
  });

  it('registers passwords so they are redacted wherever printed', () => {
    const dir = dirWith('[CLUSTER]\nDB_PASSWORD=Sup3rSecretPw\n');
    loadConfig({ cwd: dir, env: {}, flags: { target: 'postgres', database: 'postgres://u:AnotherPw9@h:5432/db' } });
    expect(redactSecrets('pw Sup3rSecretPw and AnotherPw9')).toBe('pw *** and ***');
    expect(redactSecrets('postgres://u:whatever@h/db')).toBe('postgres://u:***@h/db');
  });
});
