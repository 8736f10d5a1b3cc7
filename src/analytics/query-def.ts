import type { SqlParam } from '../engines/warehouse.js';

/** A named analytic question over the star schema, the same SQL on every engine. */
export interface AnalyticQuery {
  name: string;
  title: string;
  description: string;
  build(schema: string, params: QueryParams): { sql: string; params: SqlParam[] };
}

export interface QueryParams {
  limit: number;
}
