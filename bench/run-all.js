// npm run bench: every benchmark at its default size, one after another (long: tens of minutes).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
for (const script of ['duckdb-etl.mjs', 'duckdb-song-files.mjs', 'duckdb-increment.mjs', 'pg-staging.mjs', 'compaction.mjs']) {
  console.error(`\n== ${script}`);
  execFileSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
}
