import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { redactSecrets } from '../../src/redact.js';

function dirWith(cfg: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-typed-'));
  writeFileSync(join(dir, 'dwh.cfg'), cfg);
  return dir;
}

describe('dwh.cfg is read once into typed settings', () => {
  it('carries the [S3] locations and [AWS] keys, the secret registered for redaction', () => {
    const dir = dirWith("[AWS]\nKEY=AKIAEXAMPLEKEY\nSECRET=wJalrXUtnFEMIexampleSECRET\n[S3]\nLOG_DATA='s3://udacity-dend/log_data'\nSONG_DATA=s3://udacity-dend/song_data\n");
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.s3).toEqual({ logData: 's3://udacity-dend/log_data', songData: 's3://udacity-dend/song_data' });
    expect(config.aws).toEqual({ accessKeyId: 'AKIAEXAMPLEKEY', secretAccessKey: 'wJalrXUtnFEMIexampleSECRET' });
    expect(redactSecrets('secret wJalrXUtnFEMIexampleSECRET')).not.toContain('wJalrXUtnFEMIexampleSECRET');
  });

  it('reads on/off settings as booleans, from dwh.cfg, the environment and flags', () => {
    const dir = dirWith('[S3]\nKEEP_COMPACTED=yes\n');
    expect(loadConfig({ cwd: dir, env: {} }).redshift.keepCompacted).toBe(true);
    expect(loadConfig({ cwd: dir, env: { SPARKIFY_KEEP_COMPACTED: 'off' } }).redshift.keepCompacted).toBe(false);
    expect(loadConfig({ cwd: dir, env: { SPARKIFY_S3_UNSIGNED: 'TRUE' } }).s3Unsigned).toBe(true);
    expect(loadConfig({ cwd: dir, env: {} }).s3Unsigned).toBe(false);
    expect(loadConfig({ cwd: dirWith(''), env: {}, flags: { 'keep-compacted': true } }).redshift.keepCompacted).toBe(true);
  });

  it('refuses an on/off value it cannot read, naming where it came from', () => {
    const dir = dirWith('[S3]\n\nKEEP_COMPACTED=sometimes\n');
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/\[S3\] KEEP_COMPACTED in .*dwh\.cfg \(line 3\) must be on or off .*got "sometimes"/);
    expect(() => loadConfig({ cwd: dirWith(''), env: { SPARKIFY_S3_UNSIGNED: 'maybe' } })).toThrow(/environment variable SPARKIFY_S3_UNSIGNED must be on or off/);
  });

  it('checks the Redshift connection mode once, when the config is read', () => {
    expect(loadConfig({ cwd: dirWith('[CLUSTER]\nVIA=pg-wire\n'), env: {} }).redshift.via).toBe('pg');
    expect(loadConfig({ cwd: dirWith(''), env: {}, flags: { via: 'Data-API' } }).redshift.via).toBe('data-api');
    expect(() => loadConfig({ cwd: dirWith('[CLUSTER]\nVIA=odbc\n'), env: {} })).toThrow(/\[CLUSTER\] VIA in .*dwh\.cfg \(line 2\) must be pg or data-api, got "odbc"/);
  });
});
