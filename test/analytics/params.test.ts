import { describe, expect, it } from 'vitest';
import { nextDay, parseQueryParams } from '../../src/analytics/params.js';
import { analyticQueries, findQuery } from '../../src/analytics/queries.js';
import { SparkifyError } from '../../src/errors.js';

const topUsers = findQuery('top-users');
const sessions = findQuery('sessions');

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SparkifyError);
    expect((error as SparkifyError).code).toBe('USAGE');
    return (error as Error).message;
  }
  throw new Error('expected a USAGE error');
}

describe('analysis parameters', () => {
  it('default the limit to 10 and leave the rest unset; empty values count as not given', () => {
    expect(parseQueryParams(topUsers, {})).toEqual({ limit: 10 });
    expect(parseQueryParams(topUsers, { from: '', to: undefined, level: '' })).toEqual({ limit: 10 });
    expect(parseQueryParams(topUsers, { from: '2018-11-01', to: '2018-11-30', level: 'paid', limit: '5' })).toEqual({
      from: '2018-11-01',
      to: '2018-11-30',
      level: 'paid',
      limit: 5,
    });
  });

  it('reject bad values with a message that says what is expected', () => {
    expect(usageError(() => parseQueryParams(topUsers, { from: '2018-11-1' }))).toBe('from must be a date as YYYY-MM-DD, got "2018-11-1"');
    expect(usageError(() => parseQueryParams(topUsers, { to: '2018-02-30' }))).toBe('to must be a date as YYYY-MM-DD, got "2018-02-30"');
    expect(usageError(() => parseQueryParams(topUsers, { from: "2018-11-01' OR 1=1 --" }))).toMatch(/^from must be a date/);
    expect(usageError(() => parseQueryParams(topUsers, { from: '2018-11-20', to: '2018-11-10' }))).toBe('from 2018-11-20 is after to 2018-11-10');
    expect(usageError(() => parseQueryParams(topUsers, { level: 'gold' }))).toBe('level must be free or paid, got "gold"');
    for (const limit of ['0', '-1', '2.5', '1e3', '1001', 'ten']) {
      expect(usageError(() => parseQueryParams(topUsers, { limit }))).toBe(`limit must be a whole number from 1 to 1000, got "${limit}"`);
    }
  });

  it('reject parameters the analysis does not take, and unknown ones', () => {
    expect(usageError(() => parseQueryParams(sessions, { limit: '3' }))).toBe('"sessions" does not take limit; "sessions" takes: from, to, level');
    expect(usageError(() => parseQueryParams(topUsers, { sql: 'DROP TABLE users' }))).toBe('unknown parameter "sql"; "top-users" takes: from, to, level, limit');
  });

  it('unknown analysis names list the known ones, and suggest the nearest', () => {
    const known = analyticQueries.map((q) => q.name).join(', ');
    expect(usageError(() => findQuery('top-user'))).toBe(`unknown analysis "top-user" — did you mean "top-users"?; known: ${known}`);
    expect(usageError(() => findQuery('zzzzzz'))).toBe(`unknown analysis "zzzzzz"; known: ${known}`);
  });

  it('the inclusive "to" becomes the next day, across months and leap days', () => {
    expect(nextDay('2018-11-30')).toBe('2018-12-01');
    expect(nextDay('2020-02-28')).toBe('2020-02-29');
    expect(nextDay('2018-12-31')).toBe('2019-01-01');
  });
});

describe('analysis SQL', () => {
  it('binds every value as a $n parameter and never splices it into the text', () => {
    for (const query of analyticQueries) {
      const params = parseQueryParams(query, Object.fromEntries(query.params.map((p) => [p, { from: '2018-11-03', to: '2018-11-04', level: 'free', limit: '7' }[p]])));
      const built = query.build('main', params);
      expect(built.sql, query.name).not.toMatch(/2018-11-0[345]|'free'|LIMIT 7/);
      expect(built.params.length, query.name).toBe(query.params.length);
      const placeholders = [...built.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
      expect(new Set(placeholders), query.name).toEqual(new Set(built.params.map((_, i) => i + 1)));
      if (query.params.includes('to')) expect(built.params, query.name).toContain('2018-11-05');
    }
  });

  it('uses only SQL that DuckDB, PostgreSQL and Redshift share', () => {
    for (const query of analyticQueries) {
      const { sql } = query.build('main', { limit: 10, from: '2018-11-01', to: '2018-11-02', level: 'paid' });
      expect(sql, query.name).not.toMatch(/\bFILTER\s*\(|DATE_TRUNC|::|\bILIKE\b|SPLIT_PART|STRFTIME|DATE_DIFF|DATEDIFF/i);
    }
  });
});
