import { describe, expect, it } from 'vitest';
import { inlineInChunks, inlineParams, toRedshiftSql } from '../../../src/engines/redshift/sql-text.js';
import { redshiftString } from '../../../src/sql/dialects/redshift-dialect.js';

describe('inlining $n parameters for the Data API', () => {
  it('writes each value as a literal of its type', () => {
    expect(inlineParams('SELECT $1, $2, $3, $4, $5', ['a', 3, 2.5, true, null])).toBe(`SELECT 'a', 3, 2.5, TRUE, NULL`);
  });

  it('tells $1 from $10 and $11', () => {
    const params = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(inlineParams('VALUES ($1, $10, $11)', params)).toBe('VALUES (1, 10, 11)');
  });

  it('leaves placeholders inside literals, quoted names and comments alone', () => {
    expect(inlineParams(`SELECT '$1', "$1", $1 -- $1\n/* $1 */`, ['x'])).toBe(`SELECT '$1', "$1", 'x' -- $1\n/* $1 */`);
  });

  it('keeps a negative number from turning `-` into a comment', () => {
    expect(inlineParams('SELECT 5-$1', [-3])).toBe('SELECT 5-(-3)');
  });

  it('escapes quotes, and backslashes, which Redshift literals treat as escapes', () => {
    expect(redshiftString(`O'Reilly \\' ; DROP TABLE x; --`)).toBe(`'O''Reilly \\\\'' ; DROP TABLE x; --'`);
    expect(inlineParams('SELECT $1', ['C:\\music\\new'])).toBe(`SELECT 'C:\\\\music\\\\new'`);
  });

  it('refuses what SQL cannot hold, and a missing value', () => {
    expect(() => inlineParams('SELECT $1', [Number.NaN])).toThrow(/parameter \$1 is NaN/);
    expect(() => inlineParams('SELECT $1', ['a\u0000b'])).toThrow(/NUL/);
    expect(() => inlineParams('SELECT $1, $2', ['a'])).toThrow(/parameter \$2 is missing/);
  });
});

describe('Redshift spelling of the shared SQL', () => {
  it('replaces CURRENT_TIMESTAMP (leader-node only on Redshift) with GETDATE(), outside literals', () => {
    expect(toRedshiftSql(`INSERT INTO r VALUES (current_timestamp, 'CURRENT_TIMESTAMP')`)).toBe(`INSERT INTO r VALUES (GETDATE(), 'CURRENT_TIMESTAMP')`);
    expect(toRedshiftSql('SELECT 1')).toBe('SELECT 1');
  });
});

describe('splitting a multi-row insert under the Data API size limit', () => {
  it('keeps small statements whole', () => {
    expect(inlineInChunks('INSERT INTO t (a) VALUES ($1), ($2)', ['x', 'y'], 1000)).toEqual([`INSERT INTO t (a) VALUES ('x'), ('y')`]);
  });

  it('cuts between rows, never inside one, and keeps every row', () => {
    const params = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(30));
    const sql = `INSERT INTO t (a) VALUES ${params.map((_, i) => `($${i + 1})`).join(', ')}`;
    const chunks = inlineInChunks(sql, params, 120);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk).toMatch(/^INSERT INTO t \(a\) VALUES \('\d+'\)(, \('\d+'\))*$/);
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(120);
    }
    expect(chunks.join(' ').match(/'\d+'/g)).toHaveLength(10);
  });
});
