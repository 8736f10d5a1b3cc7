import { readOnlySelectProblem } from './read-only-select.js';

/** One check of the user's checks file: a SELECT returning the number of violating rows. */
export interface UserCheck {
  name: string;
  sql: string;
  /** Where it was declared: `file:line` of its `-- check:` line. */
  origin: string;
}

const header = /^\s*--\s*check\s*:\s*(.*)$/i;

/**
 * Splits a checks file into its `-- check: NAME` blocks. Returns the checks, or the list of
 * problems (each with file and line) when any block is not a single read-only SELECT.
 */
export function parseChecks(text: string, file: string): { checks: UserCheck[]; problems: string[] } {
  const checks: UserCheck[] = [];
  const problems: string[] = [];
  let current: { name: string; line: number; body: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const sql = current.body.join('\n').trim().replace(/;\s*$/, '');
    const origin = `${file}:${current.line}`;
    const problem = readOnlySelectProblem(sql);
    if (problem) problems.push(`check "${current.name}" (${origin}) is refused: ${problem}`);
    else checks.push({ name: current.name, sql, origin });
  };
  text.split(/\r?\n/).forEach((line, i) => {
    const match = header.exec(line);
    if (match) {
      close();
      const name = match[1]!.trim();
      if (name === '') problems.push(`${file}:${i + 1}: "-- check:" needs a name after it`);
      else if (checks.some((c) => c.name === name) || current?.name === name) problems.push(`${file}:${i + 1}: check "${name}" is declared twice`);
      current = { name, line: i + 1, body: [] };
      return;
    }
    if (current) current.body.push(line);
    else if (line.trim() !== '' && !line.trim().startsWith('--')) problems.push(`${file}:${i + 1}: SQL before the first "-- check: NAME" line`);
  });
  close();
  if (checks.length === 0 && problems.length === 0) problems.push(`${file} declares no check; write "-- check: NAME" followed by one SELECT that counts violating rows`);
  return { checks, problems };
}
