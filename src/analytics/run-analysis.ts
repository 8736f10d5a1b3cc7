import type { Row, Warehouse } from '../engines/warehouse.js';
import { checkQueryParams } from './params.js';
import type { AnalysisResult, AnalyticQuery, ColumnSpec, QueryParams } from './query-def.js';

/** Runs one analysis and returns rows typed by its columns, the same on every engine. */
export async function runAnalysis(warehouse: Warehouse, query: AnalyticQuery, unchecked: QueryParams): Promise<AnalysisResult> {
  const params = checkQueryParams(query, unchecked);
  const built = query.build(warehouse.schema, params);
  const raw = await warehouse.query(built.sql, built.params);
  const shaped = query.shape ? query.shape(raw, params) : raw;
  return {
    name: query.name,
    title: query.title,
    description: query.description,
    params: accepted(params, query),
    columns: query.columns,
    ...(query.chart ? { chart: query.chart } : {}),
    rows: shaped.map((row) => typedRow(row, query.columns)),
  };
}

/** The parameters the query takes, as applied (the default limit included); the rest are not part of the answer. */
function accepted(params: QueryParams, query: AnalyticQuery): Partial<QueryParams> {
  return Object.fromEntries(query.params.filter((p) => params[p] !== undefined).map((p) => [p, params[p]]));
}

/** Keeps the declared columns, in order: counts as integers, decimals rounded to 2 places, text as strings. */
function typedRow(row: Row, columns: ColumnSpec[]): Row {
  const out: Row = {};
  for (const column of columns) {
    const value = row[column.key];
    if (value === null || value === undefined) out[column.key] = column.kind === 'count' ? 0 : null;
    else if (column.kind === 'text') out[column.key] = String(value);
    else if (column.kind === 'count') out[column.key] = Math.round(Number(value));
    else out[column.key] = Math.round(Number(value) * 100) / 100;
  }
  return out;
}
