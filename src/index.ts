import type { GenerateOptions, GenerateResult } from './generate/index.js';

export { runPipeline, runPipelineWith, runEtlOnly, configFromSettings, type PipelineSettings, type RunOptions } from './pipeline/run-pipeline.js';
export { runEtl, type EtlOptions } from './pipeline/run-etl.js';
export { createTables, tablesExist } from './pipeline/create-tables.js';
export { listRejects, type RejectedRecord, type RunRejects } from './pipeline/list-rejects.js';
export type { RunSummary } from './pipeline/summary.js';
export type { ProgressEvent, ProgressListener } from './pipeline/progress.js';
export { loadConfig, type LoadConfigInput } from './config/load-config.js';
export type { Config, Target } from './config/config.js';
export { openWarehouse } from './engines/registry.js';
export { withWarehouse } from './engines/with-warehouse.js';
export type { Warehouse, Row, SqlParam, StageProgress } from './engines/warehouse.js';
export { SparkifyError, isSparkifyError, type ErrorCode } from './errors.js';
export { decodeRecord } from './sources/decode-record.js';
export { analyticQueries, findQuery } from './analytics/queries.js';
export { runAnalysis } from './analytics/run-analysis.js';
export { analyze } from './analytics/analyze.js';
export { checkQueryParams } from './analytics/params.js';
export type { AnalysisResult, AnalyticQuery, QueryParams, ParamName, Level, ColumnSpec, ColumnKind, ChartSpec } from './analytics/query-def.js';
export type { GenerateOptions, GenerateResult };

/** Writes a deterministic synthetic sample. The generator loads on the first call: importing the library does not load its 23 modules. */
export async function generateSample(options: GenerateOptions): Promise<GenerateResult> {
  return (await import('./generate/index.js')).generateSample(options);
}
