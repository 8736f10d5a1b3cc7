import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { checkQueries, type CheckResult } from '../sql/checks.js';
import { tableNames, type TableNames } from '../sql/table-names.js';
import type { ProgressListener } from './progress.js';

/** Runs every data-quality check that can fail (the rest are reported as proven); throws CHECK_FAILED naming the failures. */
export async function runChecks(
  warehouse: Warehouse,
  onProgress?: ProgressListener,
  names: TableNames = tableNames(warehouse.schema),
  run: { firstLoad?: boolean } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const query of checkQueries(warehouse.schema, names, run)) {
    if (query.provenBy) {
      for (const name of query.names) results.push({ name, ok: true, violations: 0, provenBy: query.provenBy });
      continue;
    }
    const [row] = await warehouse.query(query.sql);
    query.names.forEach((name, i) => {
      // SUM over no rows is NULL: no rows, no violations.
      const violations = Number(row?.[`n${i}`] ?? 0);
      results.push({ name, ok: violations === 0, violations });
      onProgress?.({ phase: 'check', name, ok: violations === 0 });
    });
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const list = failed.map((r) => `${r.name} (${r.violations} rows)`).join('; ');
    throw new SparkifyError('CHECK_FAILED', `data-quality checks failed: ${list} — the transform was rolled back, the previous warehouse is unchanged`);
  }
  return results;
}
