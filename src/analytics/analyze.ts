import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
import { configFromSettings, inSettingTerms, type PipelineSettings } from '../pipeline/settings.js';
import { checkQueryParams } from './params.js';
import { findQuery } from './queries.js';
import type { AnalysisResult, QueryParams } from './query-def.js';
import { requireTables } from './require-tables.js';
import { runAnalysis } from './run-analysis.js';

/** Library: runs one named analysis on the warehouse the settings name, and closes it again. */
export async function analyze(name: string, params: Partial<QueryParams> = {}, settings: PipelineSettings = {}): Promise<AnalysisResult> {
  return inSettingTerms(async () => {
    const query = findQuery(name);
    const checked = checkQueryParams(query, params);
    return withReadOnlyWarehouse(configFromSettings(settings), async (warehouse) => {
      await requireTables(warehouse);
      return runAnalysis(warehouse, query, checked);
    });
  });
}
