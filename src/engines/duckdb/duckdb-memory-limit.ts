import { totalmem } from 'node:os';

const defaultBytes = 400 * 1024 ** 2;

/**
 * DuckDB's memory limit: the configured one, else 400 MB (a quarter of the machine's memory
 * on one with less than 1.6 GB). Past it DuckDB spills staged rows and hash tables to its
 * temporary folder, and that is cheap: a 10 M-event first load took the same time within
 * noise at 400 MB as with 6 GB (a quarter of a 24 GB machine), with a peak of 0.8 GB instead
 * of 5.5–6 GB — about what DuckDB's bare JSON read of the same files peaks at (BENCHMARKS.md).
 */
export function duckdbMemoryLimit(configured: string): string {
  if (configured.trim() !== '') return configured;
  return `${Math.round(Math.min(defaultBytes, totalmem() / 4) / 1024 ** 2)}MB`;
}
