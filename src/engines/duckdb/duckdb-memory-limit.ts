import { totalmem } from 'node:os';

/** The share of the machine's memory DuckDB may use when no limit is configured. */
const share = 0.25;
const floorBytes = 1024 ** 3;

/**
 * DuckDB's memory limit: the configured one, else a quarter of this machine's memory (at
 * least 1 GB). DuckDB alone would take 80 %; a fixed 1.5 GB made a 10 M-event run spill its
 * staged rows and windows to disk on a machine with memory to spare.
 */
export function duckdbMemoryLimit(configured: string): string {
  if (configured.trim() !== '') return configured;
  return `${Math.round(Math.max(floorBytes, totalmem() * share) / 1024 ** 2)}MB`;
}
