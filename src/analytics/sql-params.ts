import type { SqlParam } from '../engines/warehouse.js';
import { nextDay } from './params.js';
import type { QueryParams } from './query-def.js';

/** Hands out `$1`, `$2`, … for values, so every value is bound and none is spliced into SQL text. */
export class Placeholders {
  readonly values: SqlParam[] = [];

  bind(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface FilterColumns {
  /** The timestamp column the date range applies to. */
  time: string;
  /** The level column; omitted for queries that take no level. */
  level?: string;
}

/** `WHERE …` for the date range and level in `params` (empty when none is set), plus any extra conditions. */
export function whereClause(params: QueryParams, at: FilterColumns, placeholders: Placeholders, extra: string[] = []): string {
  const conditions = [...extra];
  if (params.from !== undefined) conditions.push(`${at.time} >= CAST(${placeholders.bind(params.from)} AS TIMESTAMP)`);
  if (params.to !== undefined) conditions.push(`${at.time} < CAST(${placeholders.bind(nextDay(params.to))} AS TIMESTAMP)`);
  if (params.level !== undefined && at.level !== undefined) conditions.push(`${at.level} = ${placeholders.bind(params.level)}`);
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
