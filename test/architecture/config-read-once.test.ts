import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcRoot = resolve(fileURLToPath(import.meta.url), '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('dwh.cfg is opened by config/ alone', () => {
  it('no file outside src/config parses INI text', () => {
    const outside = sourceFiles(srcRoot).filter((file) => !relative(srcRoot, file).startsWith('config/'));
    const parsers = outside.filter((file) => /config\/ini\.js'|parseIni\(/.test(readFileSync(file, 'utf8')));
    expect(parsers.map((file) => relative(srcRoot, file))).toEqual([]);
    expect(outside.length).toBeGreaterThan(50);
  });
});
