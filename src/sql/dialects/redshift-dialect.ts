import type { ColumnDef, TableDef } from '../../schema/table-def.js';
import { quoteIdent, sqlString } from '../quote.js';
import { PostgresDialect } from './postgres-dialect.js';

/*
 * VARCHAR lengths count bytes on Redshift (UTF-8, up to 4 a character): 256 for short
 * text, the maximum 65535 for free text (titles, user agents, file names).
 */
const types: Partial<Record<ColumnDef['type'], string>> = {
  text: 'VARCHAR(256)',
  longtext: 'VARCHAR(65535)',
  identity: 'BIGINT IDENTITY(0,1)',
};

/** Redshift: PostgreSQL plus byte-length VARCHARs, IDENTITY, distribution and sort keys, and unenforced keys. */
export class RedshiftDialect extends PostgresDialect {
  override readonly name = 'redshift' as const;
  // PRIMARY KEY / UNIQUE are recorded for the planner but not enforced: the transform dedupes itself.
  override readonly enforcesConstraints = false;

  override columnType(column: ColumnDef): string {
    return types[column.type] ?? super.columnType(column);
  }

  // Optional only because PostgresDialect declares tableAttributes() without the table.
  override tableAttributes(table?: TableDef): string {
    const d = table?.distribution;
    if (!d) return '';
    const parts = [`DISTSTYLE ${d.style}`];
    if (d.style === 'KEY' && d.distKey) parts.push(`DISTKEY (${quoteIdent(d.distKey)})`);
    if (d.sortKey?.length) parts.push(`SORTKEY (${d.sortKey.map(quoteIdent).join(', ')})`);
    return parts.join(' ');
  }
}

/**
 * A string literal for Redshift. Its parser still reads backslash escapes inside '…'
 * (a regex `\.` is written '\\.'), so a value's backslashes are doubled before the one
 * quoting helper doubles its quotes; otherwise `\'` would end the literal early.
 */
export function redshiftString(value: string): string {
  return sqlString(value.replaceAll('\\', '\\\\'));
}
