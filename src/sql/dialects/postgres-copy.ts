import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import { qualified, quoteIdent } from '../quote.js';

/** The `COPY … FROM STDIN` that fills the staging table of `kind` from binary rows: the fields' columns, then source_file. */
export function copyStagingSql(schema: string, kind: RecordKind): string {
  const columns = [...fieldsOf(kind).map((f) => quoteIdent(f.column)), quoteIdent('source_file')].join(', ');
  return `COPY ${qualified(schema, stagingTableOf(kind))} (${columns}) FROM STDIN WITH (FORMAT binary)`;
}
