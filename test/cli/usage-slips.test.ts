import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-slips-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const io = bufferIO(dir);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('a newcomer’s slips get a clear answer', () => {
  it('suggests the nearest command for a misspelt one', async () => {
    const r = await cli('analyse');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "analyse" — did you mean `sparkify analyze`?');
    expect((await cli('rnus')).err).toContain('did you mean `sparkify runs`?');
    expect((await cli('frobnicate')).err).toMatch(/unknown command "frobnicate"\. Known: run, /);
  });

  it('suggests the nearest flag for a misspelt one, without Node’s raw text', async () => {
    const r = await cli('run', '--sorce', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('sparkify run: unknown flag --sorce — did you mean --source?\n');
    expect((await cli('dashboard', '--prot', '3000')).err).toContain('did you mean --port?');
    expect((await cli('runs', '--lmit=3')).err).toContain('unknown flag --lmit — did you mean --limit?');
    const far = await cli('run', '--frobnicate');
    expect(far.err).toBe('sparkify run: unknown flag --frobnicate — see `sparkify run --help`\n');
    expect(far.err).not.toMatch(/'|"/);
  });

  it('says a flag needs a value, and that a switch takes none', async () => {
    expect(await cli('run', '--source')).toEqual({ code: 2, out: '', err: 'sparkify run: --source needs a value — see `sparkify run --help`\n' });
    expect((await cli('run', '--json=yes')).err).toContain('--json is a switch and takes no value');
  });

  it('prints the version on --version, -v and version', async () => {
    for (const flag of ['--version', '-v', 'version']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^sparkify \d+\.\d+\.\d+\n$/);
    }
  });

  it('shows a command’s help on `help COMMAND`, and names --version in the main help', async () => {
    const r = await cli('help', 'rejects');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: sparkify rejects \[options\]\n/);
    expect(r.out).toContain('--run ID');
    expect((await cli('--help')).out).toContain('`sparkify --version` for the version');
  });

  it('answers a negative number in plain words, as a usage error', async () => {
    for (const argv of [['--max-errors', '-1'], ['--max-errors=-1']]) {
      const r = await cli('run', ...argv, '--database', ':memory:');
      expect(r.code).toBe(2);
      expect(r.err).toBe('sparkify run: --max-errors must be 0 or more, got -1\n');
    }
    expect((await cli('etl', '--lock-wait', '-5', '--database', ':memory:')).err).toContain('--lock-wait must be 0 or more, got -5');
  });

  it('refuses stray arguments to commands that take none', async () => {
    const r = await cli('runs', 'latest');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unexpected argument "latest" — runs takes flags only');
    expect((await cli('run', 'a', 'b')).err).toContain('unexpected argument "b" — give the source folder once, as DIR or --source DIR');
    expect((await cli('run', 'a', '--source', 'b')).err).toContain('two sources given: "a" and --source b');
  });

  it('takes `run DIR` and `etl DIR` as the source, never a generated sample', async () => {
    const missing = join(dir, 'nope');
    const database = join(dir, 'positional.duckdb');
    expect((await cli('create-tables', '--database', database)).code).toBe(0);
    for (const command of ['run', 'etl']) {
      const r = await cli(command, missing, '--database', database);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`source ${missing} does not exist`);
      expect(r.err).not.toContain('generating a sample');
      expect(r.err).not.toContain('no source given');
    }
  });
});

describe('a run that cannot reach its warehouse', () => {
  it('says which database is missing before generating a sample', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sparkify-no-db-'));
    try {
      const io = bufferIO(empty);
      const code = await main(['run', '--target', 'postgres'], io);
      expect(code).toBe(1);
      expect(io.err()).toContain('no PostgreSQL database given — pass --database postgres://');
      expect(existsSync(join(empty, '.sparkify'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
