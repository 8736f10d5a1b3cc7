import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-report-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(...argv: string[]) {
  const io = bufferIO(dir);
  const code = await main(['report', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('report --out that cannot be written', () => {
  it('names the missing folder instead of an ENOENT stack, and touches nothing', async () => {
    const r = await report('--out', 'dir/that/does/not/exist.html');
    expect(r).toEqual({
      code: 2,
      out: '',
      err: `sparkify report: cannot write ${join(dir, 'dir/that/does/not/exist.html')}: the folder ${join(dir, 'dir/that/does/not')} does not exist — create it first, or choose another --out\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says when --out is a folder, or its parent is a file', async () => {
    expect((await report('--out', tmpdir())).err).toContain(`cannot write ${tmpdir()}: it is a folder — give a file name`);
    writeFileSync(join(dir, 'plain'), '');
    expect((await report('--out', 'plain/r.html')).err).toContain(`${join(dir, 'plain')} is a file, not a folder`);
  });

  it('names a bad filter value by its flag', async () => {
    const r = await report('--from', '2018-13-01');
    expect(r.code).toBe(2);
    expect(r.err).toBe('sparkify report: --from must be a date as YYYY-MM-DD, got "2018-13-01"\n');
  });
});
