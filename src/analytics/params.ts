import { SparkifyError } from '../errors.js';
import type { AnalyticQuery, Level, ParamName, QueryParams } from './query-def.js';

export const defaultLimit = 10;
export const maxLimit = 1000;
const levels: Level[] = ['free', 'paid'];
const paramNames: ParamName[] = ['from', 'to', 'limit', 'level'];

export const paramHelp: Record<ParamName, string> = {
  from: 'first day, YYYY-MM-DD (songplays.start_time, UTC)',
  to: 'last day, YYYY-MM-DD, inclusive',
  limit: `rows, 1-${maxLimit} (default ${defaultLimit})`,
  level: 'free or paid (the level of each play)',
};

/** Raw values as they come from flags or a query string; empty and undefined mean "not given". */
export type RawParams = Partial<Record<string, string | undefined>>;

/** How errors name a parameter: `from` in a URL or the library, `--from` on the command line. */
export type ParamLabel = (name: string) => string;

/** The command line's names for the parameters. */
export const flagLabel: ParamLabel = (name) => `--${name}`;

/**
 * Checks raw parameters against what `query` accepts; anything wrong is a USAGE error that
 * says which parameter and what it should be. The CLI and the dashboard API share this.
 */
export function parseQueryParams(query: AnalyticQuery, raw: RawParams, label: ParamLabel = (name) => name): QueryParams {
  const given = Object.entries(raw).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  const params: QueryParams = { limit: defaultLimit };
  for (const [name, value] of given) {
    if (!isParamName(name)) throw usage(`unknown parameter "${label(name)}"; ${accepts(query, label)}`);
    if (!query.params.includes(name)) throw usage(`"${query.name}" does not take ${label(name)}; ${accepts(query, label)}`);
    if (name === 'from' || name === 'to') params[name] = parseDay(label(name), value);
    else if (name === 'level') params.level = parseLevel(label(name), value);
    else params.limit = parseLimit(label(name), value);
  }
  if (params.from !== undefined && params.to !== undefined && params.from > params.to) {
    throw usage(`${label('from')} ${params.from} is after ${label('to')} ${params.to}`);
  }
  return params;
}

/**
 * Checks already-typed parameters, as a library caller passes them from plain JavaScript:
 * `{ level: 'gold' }`, an unknown key or a malformed date throw instead of matching nothing.
 * Parameters the analysis does not take are ignored, as in `analyze all`.
 */
export function checkQueryParams(query: AnalyticQuery, params: unknown): QueryParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw usage(`parameters must be an object such as { from: '2018-11-01' }, got ${String(params)}`);
  const checked: QueryParams = { limit: defaultLimit };
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!isParamName(name)) throw usage(`unknown parameter "${name}"; ${accepts(query, (n) => n)}`);
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string') throw usage(`${name} must be ${name === 'limit' ? 'a number' : 'a string'}, got ${JSON.stringify(value)}`);
    if (name === 'from' || name === 'to') checked[name] = parseDay(name, text);
    else if (name === 'level') checked.level = parseLevel(name, text);
    else checked.limit = parseLimit(name, text);
  }
  if (checked.from !== undefined && checked.to !== undefined && checked.from > checked.to) throw usage(`from ${checked.from} is after to ${checked.to}`);
  return checked;
}

/** The day after `day` (YYYY-MM-DD), used as the exclusive upper bound of an inclusive `to`. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function parseDay(name: string, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw usage(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

function parseLevel(name: string, value: string): Level {
  const level = levels.find((l) => l === value);
  if (!level) throw usage(`${name} must be ${levels.join(' or ')}, got "${value}"`);
  return level;
}

function parseLimit(name: string, value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw usage(`${name} must be a whole number from 1 to ${maxLimit}, got "${value}"`);
  return limit;
}

function isParamName(name: string): name is ParamName {
  return (paramNames as string[]).includes(name);
}

function accepts(query: AnalyticQuery, label: ParamLabel): string {
  return query.params.length === 0 ? `"${query.name}" takes no parameters` : `"${query.name}" takes: ${query.params.map(label).join(', ')}`;
}

function usage(message: string): SparkifyError {
  return new SparkifyError('USAGE', message);
}
