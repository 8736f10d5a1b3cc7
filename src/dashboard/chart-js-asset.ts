import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * chart.js's UMD build, from the installed package (the page works offline). The package
 * exports map hides dist/, so resolve its entry point and take the sibling file.
 */
export function chartJsPath(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return join(dirname(entry), 'chart.umd.js');
}

let cached: string | undefined;

/** The chart.js UMD source, read once. */
export function chartJsSource(): string {
  cached ??= readFileSync(chartJsPath(), 'utf8');
  return cached;
}
