import { totalmem } from 'node:os';

const defaultBytes = 400 * 1024 ** 2;

/**
 * DuckDB's memory limit: the configured one, else 400 MB (a quarter of the machine's memory
 * on one with less than 1.6 GB). Past it DuckDB spills hash tables to its temporary folder,
 * and a run whose files are bigger stages into a compressed scratch file instead of memory
 * (duckdb-scratch-staging.ts). A 10 M-event first load then peaks at about 0.8 GB, near what
 * DuckDB's bare JSON read of the same files peaks at (BENCHMARKS.md).
 */
export function duckdbMemoryLimit(configured: string): string {
  if (configured.trim() !== '') return configured;
  return `${Math.round(Math.min(defaultBytes, totalmem() / 4) / 1024 ** 2)}MB`;
}

const units: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** A memory limit as DuckDB takes it (`400MB`, `1.5 GiB`) in bytes; undefined for any other form (`80%`). */
export function bytesOf(limit: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(limit);
  const unit = match ? units[match[2]!.toLowerCase()] : undefined;
  return match && unit ? Number(match[1]) * unit : undefined;
}

/**
 * How much of a writer's memory DuckDB keeps in its block pool (`block_allocator_memory`): the
 * buffers a run frees come back from the pool instead of being returned to the OS and faulted
 * in again. Half the limit: a 10 M-event first load 8 % faster, as with the whole limit, while
 * the pool, never given back, adds less to the peak RSS (BENCHMARKS.md). Undefined for a limit
 * that is not a size.
 */
export function blockPoolSize(limit: string): string | undefined {
  const bytes = bytesOf(limit);
  return bytes === undefined ? undefined : `${Math.floor(bytes / 2)}B`;
}
