import type { TestProject } from 'vitest/node';
import { selectedEngines } from '../helpers/selected-engines.js';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server the tests use; '' when none. */
    pgUrl: string;
    /** Why there is no server, when there is none. */
    pgUnavailable: string;
  }
}

/**
 * Once per test run: the PostgreSQL server for the postgres engine tests —
 * SPARKIFY_TEST_PG_URL when set, else an embedded server on a free port, stopped and
 * deleted at the end. In CI a server that cannot start fails the run; elsewhere the
 * postgres tests are skipped with the reason.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('pgUrl', '');
  project.provide('pgUnavailable', '');
  if (!selectedEngines().includes('postgres')) return undefined;
  const given = process.env.SPARKIFY_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return undefined;
  }
  try {
    const server = await startEmbeddedPostgres();
    project.provide('pgUrl', server.url);
    return () => server.stop();
  } catch (error) {
    if (process.env.CI) throw error;
    project.provide('pgUnavailable', error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
