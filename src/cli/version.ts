import { readFileSync } from 'node:fs';

/** The package version, read from package.json (two folders up from src/cli and from dist/cli alike). */
export function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return json.version ?? 'unknown';
}
