import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ path: relative(src, join(src, f)), text: readFileSync(join(src, f), 'utf8') }));

describe('the pg driver loads only when the postgres engine is used', () => {
  it('no module imports pg or pg-copy-streams statically (type-only imports aside)', () => {
    const valueImports = files.flatMap((f) => [...f.text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'(pg|pg-copy-streams)'/gm)].map((m) => `${f.path}: ${m[0]}`));
    expect(valueImports).toEqual([]);
  });

  it('only the postgres engine loads them at all, and the registry reaches it through import()', () => {
    const users = files.filter((f) => /(import|require)\(\s*'(pg|pg-copy-streams)'\s*\)/.test(f.text)).map((f) => f.path);
    expect(users.length).toBeGreaterThan(0);
    for (const path of users) expect(path.startsWith(join('engines', 'postgres'))).toBe(true);
    const registry = files.find((f) => f.path === join('engines', 'registry.ts'))!.text;
    expect(registry).toContain("await import('./postgres/postgres-warehouse.js')");
    expect(registry).not.toMatch(/^import .*postgres/m);
  });
});
