import { codeOnly } from './sql-text.js';

/** A PostgreSQL construct Redshift does not have, and what to write instead. */
export interface RedshiftGap {
  construct: string;
  pattern: RegExp;
  instead: string;
}

/**
 * What PostgreSQL and DuckDB accept and Redshift does not (Redshift SQL reference: "Unsupported
 * PostgreSQL features / functions"; generate_series runs on the leader node only, so it fails
 * in any query that reads a table). Literals, quoted names and comments are not looked at.
 */
export const redshiftGaps: readonly RedshiftGap[] = [
  { construct: 'FILTER (WHERE …)', pattern: /\bFILTER\s*\(\s*WHERE\b/i, instead: 'SUM(CASE WHEN … THEN 1 ELSE 0 END)' },
  { construct: 'DISTINCT ON', pattern: /\bDISTINCT\s+ON\s*\(/i, instead: 'ROW_NUMBER() OVER (PARTITION BY …) = 1' },
  { construct: 'LATERAL', pattern: /\bLATERAL\b/i, instead: 'a join to a grouped subquery' },
  { construct: 'string_agg', pattern: /\bSTRING_AGG\s*\(/i, instead: 'LISTAGG(…, …) WITHIN GROUP (ORDER BY …)' },
  { construct: 'generate_series', pattern: /\bGENERATE_SERIES\s*\(/i, instead: 'a numbers table, or fill the gaps in code (shape)' },
  { construct: 'ON CONFLICT', pattern: /\bON\s+CONFLICT\b/i, instead: 'MERGE, or DELETE … USING then INSERT' },
  { construct: 'RETURNING', pattern: /\bRETURNING\b/i, instead: 'a SELECT after the statement' },
  { construct: 'GENERATED … AS IDENTITY', pattern: /\bGENERATED\s+(ALWAYS|BY\s+DEFAULT)\b|\bSERIAL\b|\bNEXTVAL\s*\(/i, instead: 'IDENTITY(seed, step) in Redshift DDL' },
  { construct: 'arrays', pattern: /\bARRAY\s*[[(]|\bARRAY_AGG\s*\(|\bUNNEST\s*\(|\[\s*\d*\s*\]|\bANY\s*\(\s*\$\d/i, instead: 'IN (…) or a join' },
  {
    construct: '::json / ::jsonb',
    pattern: /::\s*jsonb?\b|\b(JSONB_\w+|JSON_AGG|JSON_BUILD_\w+|TO_JSONB?)\s*\(/i,
    instead: 'JSON_PARSE / JSON_EXTRACT_PATH_TEXT on VARCHAR or SUPER',
  },
  { construct: 'bound LIMIT/OFFSET', pattern: /\b(LIMIT|OFFSET)\s+\$\d+/i, instead: 'a validated integer literal (sql-text inlineLimits)' },
];

/** The Redshift gaps `sql` falls into; empty when Redshift can run it. */
export function redshiftGapsIn(sql: string): RedshiftGap[] {
  const code = codeOnly(sql);
  return redshiftGaps.filter((gap) => gap.pattern.test(code));
}
