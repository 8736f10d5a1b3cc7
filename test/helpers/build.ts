import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(import.meta.url), '../../..');
export const binPath = join(projectRoot, 'bin', 'sparkify.js');

/** Compiles src to dist, which the binary runs (as `npx sparkify` does after `npm install`). */
export function buildPackage(): void {
  // tsc emits even when some file has a type error; `npm run typecheck` is where those fail.
  spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(projectRoot, 'tsconfig.build.json')], { stdio: 'ignore' });
}
