import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The real Udacity sample beside the project (../shared); never copied into it. */
export const udacitySample = resolve(fileURLToPath(import.meta.url), '../../../../shared/data/udacity-sample');

/** Whether the sample is there; in CI its absence is a failure, elsewhere a clear skip. */
export function sampleAvailable(): boolean {
  const present = existsSync(resolve(udacitySample, 'log_data'));
  if (!present && process.env.CI) throw new Error(`the real sample is required in CI but ${udacitySample} is missing`);
  if (!present) console.warn(`skipping: real sample not found at ${udacitySample} (../shared is absent)`);
  return present;
}
