import type { Row, Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import type { CheckResult } from '../sql/checks.js';
import { searchPathSql } from '../sql/search-path.js';
import type { UserCheck } from '../sql/user-checks/parse-checks.js';
import type { ProgressListener } from './progress.js';

/**
 * Runs the user's checks inside the run's transaction, after the built-in ones, with the
 * warehouse schema on the search path so plain table names work. Throws CHECK_FAILED naming
 * every failing check, which rolls the run back.
 */
export async function runUserChecks(warehouse: Warehouse, checks: UserCheck[], onProgress?: ProgressListener): Promise<CheckResult[]> {
  if (checks.length === 0) return [];
  const path = searchPathSql(warehouse.dialect, warehouse.schema);
  await warehouse.run(path.set);
  const results: CheckResult[] = [];
  try {
    for (const check of checks) {
      const violations = await violationsOf(warehouse, check);
      results.push({ name: check.name, ok: violations === 0, violations, origin: check.origin });
      onProgress?.({ phase: 'check', name: check.name, ok: violations === 0 });
    }
  } finally {
    if (path.reset) await warehouse.run(path.reset);
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const list = failed.map((r) => `"${r.name}" (${r.origin}) found ${r.violations} violating rows`).join('; ');
    throw new SparkifyError('CHECK_FAILED', `your checks failed: ${list} — the transform was rolled back, the previous warehouse is unchanged`);
  }
  return results;
}

async function violationsOf(warehouse: Warehouse, check: UserCheck): Promise<number> {
  let rows: Row[];
  try {
    rows = await warehouse.query(check.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SparkifyError('CHECK_FAILED', `check "${check.name}" (${check.origin}) could not run: ${message} — the run was rolled back`, { cause: error });
  }
  const values = rows.length === 1 ? Object.values(rows[0]!) : [];
  const value = values.length === 1 ? values[0] : undefined;
  const count = value === null ? 0 : Number(value);
  if (values.length !== 1 || typeof value === 'boolean' || !Number.isInteger(count) || count < 0) {
    const got = rows.length === 1 ? JSON.stringify(rows[0]) : `${rows.length} rows`;
    throw new SparkifyError(
      'CHECK_FAILED',
      `check "${check.name}" (${check.origin}) must return one row with one whole number (the violating rows), got ${got} — the run was rolled back`,
    );
  }
  return count;
}
