import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.js';
import { engines, pgUrl } from '../helpers/engines.js';

// A fresh process, since this one has loaded pg already: what connecting loads, and what it leaves behind.
const probe = `
const before = typeof globalThis.navigator;
const { connectPostgres } = await import('./src/engines/postgres/pg-connect.ts');
const { client } = await connectPostgres(process.env.PG_URL);
await client.end();
console.log(JSON.stringify({ before, after: typeof globalThis.navigator, undici: process.moduleLoadList.some((m) => m.includes('undici')) }));
`;

describe.skipIf(!engines.includes('postgres'))('connecting to PostgreSQL', () => {
  it('does not load the fetch stack (undici) and leaves `navigator` as it found it', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PG_URL: pgUrl() },
    });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { before: string; after: string; undici: boolean };
    expect(seen.after).toBe(seen.before);
    expect(seen.undici).toBe(false);
  });
});
