import { describe, expect, it } from 'vitest';
import { engines, withTestWarehouse } from '../helpers/engines.js';

describe.each(engines)('query() returns the same plain values on %s', (engine) => {
  it('counts, bigints and decimals as numbers; timestamps and dates as ISO UTC; text, booleans and NULL as they are', async () => {
    await withTestWarehouse(engine, async (warehouse) => {
      const [row] = await warehouse.query(
        `SELECT COUNT(*) AS n,
                CAST(9007199254740991 AS BIGINT) AS big,
                CAST(1.25 AS DECIMAL(10, 2)) AS dec,
                CAST(0.1 AS DOUBLE PRECISION) AS dbl,
                EXTRACT(week FROM TIMESTAMP '2018-11-01 21:01:46.796') AS week,
                TIMESTAMP '2018-11-01 21:01:46.796' AS ts,
                TIMESTAMP 'epoch' + 1541106106796 / 1000.0 * INTERVAL '1 second' AS from_epoch,
                CAST('2018-11-02' AS DATE) AS day,
                'Zoë\t音楽' AS text,
                TRUE AS yes,
                CAST(NULL AS VARCHAR) AS nothing
         FROM (SELECT 1 AS one) t`,
      );
      expect(row).toEqual({
        n: 1,
        big: 9007199254740991,
        dec: 1.25,
        dbl: 0.1,
        week: 44,
        ts: '2018-11-01T21:01:46.796Z',
        from_epoch: '2018-11-01T21:01:46.796Z',
        day: '2018-11-02T00:00:00.000Z',
        text: 'Zoë\t音楽',
        yes: true,
        nothing: null,
      });
    });
  });

  it('binds $1 parameters', async () => {
    await withTestWarehouse(engine, async (warehouse) => {
      const rows = await warehouse.query(`SELECT CAST($1 AS VARCHAR) AS s, CAST($2 AS INTEGER) + 1 AS i, CAST($3 AS VARCHAR) AS z`, ["it's", 41, null]);
      expect(rows).toEqual([{ s: "it's", i: 42, z: null }]);
    });
  });
});
