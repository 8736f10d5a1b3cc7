import { SparkifyError } from '../../errors.js';
import { redshiftString } from '../../sql/dialects/redshift-dialect.js';
import type { SqlParam } from '../warehouse.js';

/*
 * Small, careful edits of SQL text for Redshift: only the code between literals, quoted
 * identifiers and comments is touched, so a `$1` or a keyword inside a string never is.
 */

/** Parts of SQL text: `code` may be edited, `other` (literals, quoted names, comments) is kept as it is. */
interface Segment {
  code: boolean;
  text: string;
}

const opaque = /'(?:[^'\\]|''|\\.)*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g;

function segments(sql: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const match of sql.matchAll(opaque)) {
    if (match.index > at) out.push({ code: true, text: sql.slice(at, match.index) });
    out.push({ code: false, text: match[0] });
    at = match.index + match[0].length;
  }
  if (at < sql.length) out.push({ code: true, text: sql.slice(at) });
  return out;
}

/** The code of `sql` with every literal, quoted name and comment blanked, for pattern checks. */
export function codeOnly(sql: string): string {
  return segments(sql)
    .map((s) => (s.code ? s.text : ' '))
    .join('');
}

function editCode(sql: string, edit: (code: string) => string): string {
  return segments(sql)
    .map((s) => (s.code ? edit(s.text) : s.text))
    .join('');
}

/**
 * The shared SQL's one word Redshift lacks: CURRENT_TIMESTAMP is a deprecated leader-node-only
 * function there (an error in a statement that touches a table), GETDATE() is its equivalent.
 */
export function toRedshiftSql(sql: string): string {
  return editCode(sql, (code) => code.replace(/\bCURRENT_TIMESTAMP\b(?!\s*\()/gi, 'GETDATE()'));
}

/** One value as a Redshift literal: strings quoted, numbers checked finite, NULL as NULL. */
export function literal(value: SqlParam | undefined, index: number): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SparkifyError('ENGINE', `parameter $${index} is ${value}, which SQL cannot hold`);
    // Parenthesised so `x-$1` with -3 cannot become the comment `x--3`.
    return value < 0 ? `(${String(value)})` : String(value);
  }
  if (typeof value === 'string') return redshiftString(value);
  throw new SparkifyError('ENGINE', `parameter $${index} is missing: the statement has more placeholders than values`);
}

/**
 * `$1`-style placeholders replaced by literals. The Data API takes only named string
 * parameters and no NULL, so values are inlined instead, through the one quoting helper.
 */
export function inlineParams(sql: string, params: SqlParam[] = []): string {
  if (params.length === 0) return sql;
  return editCode(sql, (code) => code.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1], Number(n))));
}

/** A LIMIT or OFFSET value: a whole number (JS number or digits), or the statement is refused before it is sent. */
function rowCount(value: SqlParam | undefined, index: number, keyword: string): string {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!/^\d{1,15}$/.test(text)) {
    throw new SparkifyError('ENGINE', `${keyword} $${index} must be a whole number of rows, got ${value === undefined ? 'no value' : JSON.stringify(value)}`);
  }
  return String(Number(text));
}

/**
 * `LIMIT $n` / `OFFSET $n` as validated integer literals, the other placeholders renumbered.
 * Redshift refuses a bound LIMIT when the driver sends it as int8 ("Not implemented",
 * amazon-redshift-python-driver#24, amazon-redshift-jdbc-driver#37), so none is ever sent.
 */
export function inlineLimits(sql: string, params: SqlParam[] = []): { sql: string; params: SqlParam[] } {
  const used = new Set<number>();
  const limited = editCode(sql, (code) =>
    code.replace(/\b(LIMIT|OFFSET)(\s+)\$(\d+)\b/gi, (_, keyword: string, space: string, n: string) => {
      used.add(Number(n));
      return `${keyword}${space}${rowCount(params[Number(n) - 1], Number(n), keyword.toUpperCase())}`;
    }),
  );
  if (used.size === 0) return { sql, params };
  const renumber = new Map<number, number>();
  const kept: SqlParam[] = [];
  params.forEach((value, i) => {
    if (used.has(i + 1)) return;
    kept.push(value);
    renumber.set(i + 1, kept.length);
  });
  return { sql: editCode(limited, (code) => code.replace(/\$(\d+)\b/g, (whole, n: string) => (renumber.has(Number(n)) ? `$${renumber.get(Number(n))}` : whole))), params: kept };
}

/** A statement exactly as a Redshift engine sends it: Redshift spelling, no bound LIMIT/OFFSET. */
export function forRedshift(sql: string, params?: SqlParam[]): { sql: string; params: SqlParam[] } {
  return inlineLimits(toRedshiftSql(sql), params);
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A multi-row `INSERT … VALUES ($1, $2), ($3, $4)` whose inlined text is over `maxBytes`,
 * split into several inserts of whole rows, each under it; any other statement is returned whole.
 */
export function inlineInChunks(sql: string, params: SqlParam[] | undefined, maxBytes: number): string[] {
  const whole = inlineParams(sql, params);
  if (byteLength(whole) <= maxBytes) return [whole];
  const shape = /^([\s\S]*?\bVALUES\s*)((?:\(\s*\$\d+(?:\s*,\s*\$\d+)*\s*\)\s*,?\s*)+)$/i.exec(sql);
  if (!shape) return [whole];
  const head = shape[1]!;
  const rows = [...shape[2]!.matchAll(/\([^()]*\)/g)].map((m) => inlineParams(m[0], params));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = byteLength(head);
  for (const row of rows) {
    const extra = byteLength(row) + 2;
    if (current.length > 0 && size + extra > maxBytes) {
      chunks.push(`${head}${current.join(', ')}`);
      current = [];
      size = byteLength(head);
    }
    current.push(row);
    size += extra;
  }
  if (current.length > 0) chunks.push(`${head}${current.join(', ')}`);
  return chunks;
}
