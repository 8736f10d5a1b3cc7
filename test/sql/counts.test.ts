import { describe, expect, it } from 'vitest';
import { countsByPart, countsSql } from '../../src/sql/counts.js';

describe('counts in one query', () => {
  it('asks one COUNT per part, joined by UNION ALL, the part named by a quoted literal', () => {
    const sql = countsSql([
      { part: 'rows', from: 'a' },
      { part: "it's", from: '(SELECT 1 FROM b) r' },
    ]);
    expect(sql).toBe("SELECT 'rows' AS part, COUNT(*) AS n FROM a\nUNION ALL\nSELECT 'it''s' AS part, COUNT(*) AS n FROM (SELECT 1 FROM b) r");
  });

  it('sums repeated parts, reads counts given as text (bigints from a driver), and gives 0 for a part with no row', () => {
    const count = countsByPart([
      { part: 'star_rows', n: 2 },
      { part: 'star_rows', n: '40' },
      { part: 'staged_songs', n: 0 },
    ]);
    expect(count('star_rows')).toBe(42);
    expect(count('staged_songs')).toBe(0);
    expect(count('repeated_keys')).toBe(0);
  });
});
