import { writeFile } from 'node:fs/promises';
import { parseQueryParams, type RawParams } from '../analytics/params.js';
import { analyticQueries } from '../analytics/queries.js';
import type { AnalysisResult } from '../analytics/query-def.js';
import { runAnalysis } from '../analytics/run-analysis.js';
import type { Warehouse } from '../engines/warehouse.js';
import { describeQuery } from './api.js';
import { chartJsSource } from './chart-js-asset.js';
import { lastRun } from './last-run.js';
import { renderPage } from './page.js';

/** The filter a report is built with; each analysis takes the parts it accepts. */
export interface ReportFilter {
  from?: string;
  to?: string;
  level?: string;
  limit?: string;
}

/** The dashboard as one self-contained HTML file: chart.js inlined, every result embedded, no network. */
export async function buildReport(warehouse: Warehouse, filter: ReportFilter = {}, now = new Date()): Promise<string> {
  const plans = analyticQueries.map((query) => {
    const raw: RawParams = Object.fromEntries(query.params.map((p) => [p, filter[p]]));
    return { query, params: parseQueryParams(query, raw) };
  });
  const results: Record<string, AnalysisResult> = {};
  for (const { query, params } of plans) results[query.name] = await runAnalysis(warehouse, query, params);
  const data = {
    warehouse: warehouse.description,
    generatedAt: now.toISOString(),
    filter,
    queries: analyticQueries.map(describeQuery),
    results,
    lastRun: await lastRun(warehouse),
  };
  return renderPage({ chartJs: { inline: chartJsSource() }, data }).html;
}

/** Builds the report and writes it to `file`. */
export async function writeReport(warehouse: Warehouse, file: string, filter: ReportFilter = {}): Promise<void> {
  await writeFile(file, await buildReport(warehouse, filter), 'utf8');
}
