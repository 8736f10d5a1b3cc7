import { SparkifyError } from '../../errors.js';
import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import type { Row } from '../warehouse.js';

export const identifierCaseSql = 'SHOW enable_case_sensitive_identifier';

/** The session's enable_case_sensitive_identifier: 'on', 'off', or undefined when the server does not say. */
export async function identifierCase(sql: { query(sql: string): Promise<Row[]> }): Promise<'on' | 'off' | undefined> {
  const rows = await sql.query(identifierCaseSql).catch(() => []);
  const value = String(Object.values(rows[0] ?? {})[0] ?? '')
    .trim()
    .toLowerCase();
  return value === 'on' || value === 'true' ? 'on' : value === 'off' || value === 'false' ? 'off' : undefined;
}

/**
 * With enable_case_sensitive_identifier on, a quoted name matches only its exact case, and tools
 * that quote mixed-case names break. Every name sparkify writes into COPY is lowercase and quoted,
 * so COPY and the queries read the same either way; this keeps it so.
 */
export function checkLowercaseNames(kind: RecordKind): void {
  const names = [stagingTableOf(kind), ...fieldsOf(kind).map((f) => f.column)];
  const mixed = names.find((name) => name !== name.toLowerCase());
  if (mixed) {
    throw new SparkifyError(
      'ENGINE',
      `"${mixed}" is not lowercase: with enable_case_sensitive_identifier on, Redshift would not match it to the lowercase column — a sparkify bug, please report it`,
    );
  }
}
