import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import { qualified, quoteIdent } from '../../sql/quote.js';

/*
 * COPY checks types but not the record rules' required fields, which DuckDB and PostgreSQL
 * reject (src/sources/decode-record.ts). The same rule, in SQL, over what one COPY just
 * added; the reasons read as the decoder's.
 */

function violation(kind: RecordKind): { where: string; reason: string } {
  const cases: string[] = [];
  const tests: string[] = [];
  for (const field of fieldsOf(kind).filter((f) => f.required)) {
    const c = quoteIdent(field.column);
    cases.push(`WHEN ${c} IS NULL THEN 'required field "${field.key}" is missing or null'`);
    tests.push(`${c} IS NULL`);
    if (field.kind === 'string' || field.kind === 'id') {
      cases.push(`WHEN ${c} = '' THEN 'required field "${field.key}" is empty'`);
      tests.push(`${c} = ''`);
    }
  }
  return { where: tests.join(' OR '), reason: `CASE ${cases.join(' ')} END` };
}

/** The staged rows breaking a required-field rule (with the reason), and their removal. */
export function missingRequiredSql(schema: string, kind: RecordKind): { select: string; remove: string } {
  const table = qualified(schema, stagingTableOf(kind));
  const { where, reason } = violation(kind);
  return {
    select: `SELECT source_file, ${reason} AS reason FROM ${table} WHERE ${where}`,
    remove: `DELETE FROM ${table} WHERE ${where}`,
  };
}
