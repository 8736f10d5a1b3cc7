import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load-config.js';
import { bufferIO } from '../helpers/cli-io.js';

function dirWith(cfg: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-cfg-'));
  writeFileSync(join(dir, 'dwh.cfg'), cfg);
  return { dir, file: join(dir, 'dwh.cfg') };
}

const failure = (cfg: string | Buffer) => {
  const { dir, file } = dirWith(cfg);
  try {
    loadConfig({ cwd: dir, env: {} });
  } catch (error) {
    return { message: (error as Error).message, file, code: (error as { code?: string }).code };
  }
  throw new Error('expected loadConfig to fail');
};

describe('dwh.cfg mistakes get an answer with the file and the line', () => {
  it('a key before any section', () => {
    const r = failure('# settings\nTARGET=duckdb\n[LOCAL]\n');
    expect(r.code).toBe('CONFIG');
    expect(r.message).toBe(`${r.file} line 2: "TARGET=duckdb" comes before any [SECTION] header — put it under one, e.g. [LOCAL]`);
  });

  it('an unclosed section header', () => {
    const r = failure('[LOCAL]\nTARGET=duckdb\n[DWH\nDWH_NUM_NODES=2\n');
    expect(r.message).toBe(`${r.file} line 3: section header "[DWH" is not closed — write it as [DWH]`);
  });

  it('a bare word', () => {
    const r = failure('[LOCAL]\nfoo\n');
    expect(r.message).toBe(`${r.file} line 2: "foo" is neither a [SECTION] header nor a "NAME = value" line — fix or remove it (comments start with # or ;)`);
  });

  it('a malformed line that may hold a password is not echoed', () => {
    const r = failure('[CLUSTER]\nDB_PASSWORD Passw0rd!\n');
    expect(r.message).toBe(`${r.file} line 2: "DB_PASSWORD …" is neither a [SECTION] header nor a "NAME = value" line — fix or remove it (comments start with # or ;)`);
  });

  it('binary bytes', () => {
    const r = failure(Buffer.from([0x5b, 0x4c, 0x5d, 0x0a, 0x00, 0xff, 0xfe, 0x01]));
    expect(r.message).toBe(`${r.file} line 2 holds binary bytes: it is not a text dwh.cfg — check --config / SPARKIFY_CONFIG`);
  });

  it('[S3] locations that are not s3:// URLs', () => {
    const r = failure("[S3]\nLOG_JSONPATH=auto\nLOG_DATA='/home/me/log_data'\n");
    expect(r.message).toBe(`[S3] LOG_DATA in ${r.file} (line 3) must be an s3:// URL, got "/home/me/log_data" — local folders go in [LOCAL] SOURCE`);
  });

  it('the seeds’ dwh.cfg reads without a warning', () => {
    const { dir } = dirWith(
      "[CLUSTER]\nHOST=''\nDB_NAME=dev\nDB_USER=awsuser\nDB_PASSWORD=Passw0rd\nDB_PORT=5439\n\n[IAM_ROLE]\nARN=''\n\n[S3]\nLOG_DATA='s3://udacity-dend/log_data'\nLOG_JSONPATH='s3://udacity-dend/log_json_path.json'\nSONG_DATA='s3://udacity-dend/song_data'\n\n[AWS]\nKEY=\nSECRET=\n\n[DWH]\nDWH_CLUSTER_TYPE=multi-node\nDWH_NUM_NODES=4\nDWH_NODE_TYPE=dc2.large\nDWH_IAM_ROLE_NAME=dwhRole\nDWH_CLUSTER_IDENTIFIER=dwhCluster\nDWH_DB=dev\nDWH_DB_USER=awsuser\nDWH_DB_PASSWORD=Passw0rd\nDWH_PORT=5439\n",
    );
    expect(loadConfig({ cwd: dir, env: {} }).warnings).toEqual([]);
  });

  it('an unknown section or key is a warning with the nearest known name, printed by the CLI', async () => {
    const { dir, file } = dirWith('[POSTGRE]\nURL=postgres://x/y\n[LOCAL]\nDATABAS=other.duckdb\nTARGET=duckdb\n[WHATEVER]\nA=1\n');
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.database).toBe(join(dir, 'sparkify.duckdb'));
    expect(config.warnings).toEqual([
      `[POSTGRE] in ${file} (line 1) is not a section sparkify reads (did you mean [POSTGRES]?) — its keys are ignored`,
      `[LOCAL] DATABAS in ${file} (line 4) is not a key sparkify reads (did you mean DATABASE?) — it is ignored`,
      expect.stringMatching(/^\[WHATEVER\] in .* \(line 6\) is not a section sparkify reads \(known: LOCAL, S3, AWS, CLUSTER, POSTGRES, IAM_ROLE, DWH\) — its keys are ignored$/),
    ]);
    const io = bufferIO(dir);
    expect(await main(['sql'], io)).toBe(0);
    expect(io.err()).toContain(`warning: [LOCAL] DATABAS in ${file} (line 4) is not a key sparkify reads (did you mean DATABASE?) — it is ignored\n`);
  });

  it('a malformed dwh.cfg fails the CLI with exit 1 and no stack', async () => {
    const { dir, file } = dirWith('[LOCAL\n');
    const io = bufferIO(dir);
    expect(await main(['sql'], io)).toBe(1);
    expect(io.err()).toBe(`sparkify sql: ${file} line 1: section header "[LOCAL" is not closed — write it as [LOCAL]\n`);
    const bare = dirWith('[LOCAL]\nfoo\n');
    const io2 = bufferIO(bare.dir);
    expect(await main(['sql'], io2)).toBe(1);
    expect(io2.err()).toBe(`sparkify sql: ${bare.file} line 2: "foo" is neither a [SECTION] header nor a "NAME = value" line — fix or remove it (comments start with # or ;)\n`);
  });
});
