/**
 * Keywords and functions that write, lock, load or change settings. A user check containing
 * one (outside strings, quoted names and comments) is refused: it runs inside the run's
 * transaction, so it must not be able to change what is about to be committed.
 */
const forbidden = [
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'TRUNCATE',
  'DROP',
  'CREATE',
  'ALTER',
  'RENAME',
  'GRANT',
  'REVOKE',
  'COPY',
  'UNLOAD',
  'CALL',
  'EXECUTE',
  'EXEC',
  'DO',
  'PREPARE',
  'VACUUM',
  'ANALYZE',
  'CLUSTER',
  'REINDEX',
  'ATTACH',
  'DETACH',
  'PRAGMA',
  'SET',
  'RESET',
  'INSTALL',
  'LOAD',
  'EXPORT',
  'IMPORT',
  'CHECKPOINT',
  'LOCK',
  'COMMENT',
  'REFRESH',
  'INTO',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'ABORT',
  'LISTEN',
  'NOTIFY',
  'DISCARD',
  'NEXTVAL',
  'SETVAL',
  'SET_CONFIG',
  'PG_SLEEP',
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_ADVISORY_LOCK',
  'PG_ADVISORY_XACT_LOCK',
  'DBLINK',
  'DBLINK_EXEC',
  'LO_IMPORT',
  'LO_EXPORT',
  'PG_READ_FILE',
  'PG_WRITE_FILE',
  'QUERY',
  'QUERY_TABLE',
];
const forbiddenSet = new Set(forbidden);

/** The SQL with string literals, quoted names and comments replaced by a blank, so keywords inside them are not seen. */
export function codeOnly(sql: string): string {
  // One left-to-right pass: whichever opens first wins, as the SQL parser reads it.
  return sql.replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$|'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('--') || m.startsWith('/*') ? ' ' : ' _ '));
}

/** Why `sql` is not a single read-only SELECT, or undefined when it is. */
export function readOnlySelectProblem(sql: string): string | undefined {
  const code = codeOnly(sql).trim().replace(/;\s*$/, '');
  if (code === '') return 'it has no SQL';
  if (code.includes(';')) return 'it holds more than one statement (a ";" before the end)';
  if (/['"]|\/\*|\$[A-Za-z_]*\$/.test(code)) return 'it has an unterminated string or comment';
  const first = /^[\s(]*([A-Za-z]+)/.exec(code)?.[1]?.toUpperCase();
  if (first !== 'SELECT' && first !== 'WITH') return `it starts with ${first ?? JSON.stringify(code.slice(0, 10))}, not SELECT (or WITH … SELECT)`;
  const words = code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const bad = words.find((w) => forbiddenSet.has(w.toUpperCase()));
  if (bad) return `it uses ${bad.toUpperCase()}, which can change the warehouse or the session; a check may only read`;
  return undefined;
}
