import { describe, expect, it } from 'vitest';
import { parseChecks } from '../../src/sql/user-checks/parse-checks.js';
import { readOnlySelectProblem } from '../../src/sql/user-checks/read-only-select.js';

describe('the checks file', () => {
  it('splits "-- check: NAME" blocks into named SELECTs with their file and line', () => {
    const text = `-- our analyst's checks\n\n-- check: no future plays\nSELECT COUNT(*)\nFROM songplays\nWHERE start_time > '2030-01-01';\n\n-- check: names\n-- users need a first name\nSELECT COUNT(*) FROM users WHERE first_name IS NULL\n`;
    const { checks, problems } = parseChecks(text, 'checks.sql');
    expect(problems).toEqual([]);
    expect(checks.map((c) => [c.name, c.origin])).toEqual([
      ['no future plays', 'checks.sql:3'],
      ['names', 'checks.sql:8'],
    ]);
    expect(checks[0]!.sql).toBe("SELECT COUNT(*)\nFROM songplays\nWHERE start_time > '2030-01-01'");
  });

  it('refuses anything but one read-only SELECT, naming the check and the reason', () => {
    const refused: [string, RegExp][] = [
      ['DELETE FROM songplays', /starts with DELETE/],
      ['SELECT 1; DELETE FROM songplays', /more than one statement/],
      ['SELECT COUNT(*) INTO t FROM users', /uses INTO/],
      ['WITH gone AS (DELETE FROM users RETURNING 1) SELECT COUNT(*) FROM gone', /uses DELETE/],
      ["SELECT nextval('songplays_seq')", /uses NEXTVAL/],
      ['SELECT COUNT(*) FROM users FOR UPDATE', /uses UPDATE/],
      ['', /no SQL/],
    ];
    for (const [sql, reason] of refused) expect(readOnlySelectProblem(sql), sql).toMatch(reason);
    const { checks, problems } = parseChecks('-- check: a\nSELECT 0\n-- check: b\nDROP TABLE users\n', 'c.sql');
    expect(checks.map((c) => c.name)).toEqual(['a']);
    expect(problems).toEqual(['check "b" (c.sql:3) is refused: it starts with DROP, not SELECT (or WITH … SELECT)']);
  });

  it('reads keywords inside strings, quoted names and comments as text', () => {
    expect(readOnlySelectProblem(`SELECT COUNT(*) FROM songplays WHERE location = 'Delete; Drop' /* update */ -- insert\n AND "update" IS NULL;`)).toBeUndefined();
    expect(readOnlySelectProblem('WITH paid AS (SELECT * FROM users) SELECT COUNT(*) FROM paid')).toBeUndefined();
  });

  it('says what is wrong with the file itself', () => {
    expect(parseChecks('SELECT 1\n-- check: a\nSELECT 0', 'f.sql').problems).toEqual(['f.sql:1: SQL before the first "-- check: NAME" line']);
    expect(parseChecks('-- check:\nSELECT 0', 'f.sql').problems[0]).toContain('needs a name');
    expect(parseChecks('-- check: a\nSELECT 0\n-- check: a\nSELECT 1', 'f.sql').problems).toEqual(['f.sql:3: check "a" is declared twice']);
    expect(parseChecks('-- nothing here\n', 'f.sql').problems[0]).toContain('declares no check');
  });
});
