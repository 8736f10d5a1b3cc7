import type { Row, SqlParam } from '../engines/warehouse.js';

/** The parameters an analysis may take; each query declares the ones it accepts. */
export type ParamName = 'from' | 'to' | 'limit' | 'level';

export type Level = 'free' | 'paid';

/** Validated parameters: dates are YYYY-MM-DD (inclusive, on songplays.start_time, UTC). */
export interface QueryParams {
  from?: string;
  to?: string;
  level?: Level;
  limit: number;
}

/** How a result column is typed and shown: engines disagree on numeric types, so rows are normalized by this. */
export type ColumnKind = 'text' | 'count' | 'decimal' | 'percent';

export interface ColumnSpec {
  key: string;
  kind: ColumnKind;
}

/** How to draw a result: `label` names the category column, `series` the numeric ones. */
export interface ChartSpec {
  type: 'line' | 'bar' | 'hbar' | 'doughnut';
  label: string;
  series: string[];
}

export interface BuiltQuery {
  sql: string;
  params: SqlParam[];
}

/** A named analytic question over the star schema, the same SQL on every engine. */
export interface AnalyticQuery {
  name: string;
  title: string;
  description: string;
  params: ParamName[];
  /** The result's columns, in order. */
  columns: ColumnSpec[];
  chart?: ChartSpec;
  build(schema: string, params: QueryParams): BuiltQuery;
  /** Turns the engine's rows into result rows (derived columns, filled gaps); the default keeps them. */
  shape?(rows: Row[], params: QueryParams): Row[];
}

/** What running one analysis gives: the definition's metadata and typed rows. */
export interface AnalysisResult {
  name: string;
  title: string;
  description: string;
  /** The parameters applied: only those the query takes. */
  params: Partial<QueryParams>;
  columns: ColumnSpec[];
  chart?: ChartSpec;
  rows: Row[];
}
