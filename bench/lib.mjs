// Shared helpers of the benchmark scripts: they run the compiled package (npm run build first).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const dataDir = process.env.SPARKIFY_BENCH_DATA ?? join(benchDir, 'data');

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const machine = () => `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** A generated sample of the given options, made once and reused (deterministic by seed). */
export async function generatedSample(name, options) {
  const outDir = join(dataDir, name);
  if (!existsSync(join(outDir, 'log_data'))) {
    const { generateSample } = await import('../dist/generate/index.js');
    await generateSample({ outDir, seed: 42, ...options });
  }
  return outDir;
}

/** Runs bench/child-run.mjs in a fresh process: { ms, maxRssMB, timings }. */
export function childRun(mode, source, db, extra = '') {
  const out = execFileSync(process.execPath, [join(benchDir, 'child-run.mjs'), mode, source, db, extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

export const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
