import { readFileSync } from 'node:fs';
import { SparkifyError } from '../errors.js';
import { parseChecks, type UserCheck } from '../sql/user-checks/parse-checks.js';

/**
 * Reads and validates the user's checks file before a run starts: a missing file, a block
 * that is not one read-only SELECT, or a file with no checks is a USAGE error listing every problem.
 */
export function loadUserChecks(file: string | undefined): UserCheck[] {
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new SparkifyError('USAGE', `checks file ${file} ${reason} — pass --checks FILE (or [LOCAL] CHECKS in dwh.cfg) naming a file of "-- check: NAME" blocks`);
  }
  const { checks, problems } = parseChecks(text, file);
  if (problems.length > 0) {
    throw new SparkifyError('USAGE', `${problems.join('\n')}\nnothing was loaded; each check must be one SELECT that returns the number of violating rows (0 = pass)`);
  }
  return checks;
}
