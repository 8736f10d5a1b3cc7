import { SparkifyError } from '../errors.js';

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Quotes an identifier after checking it is a plain name; anything else is refused, not escaped. */
export function quoteIdent(name: string): string {
  if (!plainIdentifier.test(name)) throw new SparkifyError('CONFIG', `"${name}" is not a valid identifier (letters, digits and _ only)`);
  return `"${name}"`;
}

/** A SQL string literal: the only way a value is inlined into SQL text. */
export function sqlString(value: string): string {
  if (value.includes('\u0000')) throw new SparkifyError('CONFIG', 'a value with a NUL character cannot be used in SQL');
  return `'${value.replaceAll("'", "''")}'`;
}

/** `"schema"."table"`. */
export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
