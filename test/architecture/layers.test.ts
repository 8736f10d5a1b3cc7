import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcRoot = resolve(fileURLToPath(import.meta.url), '../../../src');

/**
 * The layers of ARCHITECTURE.md, top to bottom; a folder (or top-level file) may import its own
 * layer's code only from itself and the layers below. Top-level files not named are leaf helpers,
 * which may import each other.
 */
const layers: string[][] = [['index.ts'], ['cli'], ['dashboard'], ['analytics'], ['pipeline'], ['engines'], ['sources', 'infra', 'generate'], ['s3', 'sql'], ['schema', 'config']];
const leafRank = layers.length;

function unitOf(file: string): string {
  const [first] = relative(srcRoot, file).split('/');
  return first ?? '';
}

function rankOf(unit: string): number {
  const rank = layers.findIndex((layer) => layer.includes(unit));
  return rank === -1 ? leafRank : rank;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic `import()`s. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((match) => match[1] ?? '');
  return found.filter((specifier) => specifier !== '');
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const from = unitOf(file);
    for (const specifier of importsOf(file)) {
      const to = unitOf(resolve(dirname(file), specifier));
      if (to === from) continue;
      const bothLeaves = rankOf(to) === leafRank && rankOf(from) === leafRank;
      if (!bothLeaves && rankOf(to) <= rankOf(from)) found.push(`${relative(srcRoot, file)} imports ${specifier} (${to} is not below ${from})`);
    }
  }
  return found;
}

describe('layers', () => {
  it('every import points down the layers', () => {
    expect(violations()).toEqual([]);
  });

  it('the walk sees imports, so a violation would be caught', () => {
    expect(importsOf(join(srcRoot, 'cli/main.ts')).length).toBeGreaterThan(0);
    expect(rankOf('cli')).toBeLessThan(rankOf('engines'));
  });
});
