import { SparkifyError } from '../errors.js';
import { nearestName } from '../nearest-name.js';
import { iniLineKind, type IniSections } from './ini.js';
import { knownKeys, s3UrlKeys } from './known-keys.js';

/** Fails on a line that is not a comment, a [SECTION] or a KEY=VALUE under one: a misread file would send data elsewhere. */
export function checkIniLines(text: string, file: string): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const binary = lines.findIndex(isBinary);
  if (binary >= 0) throw new SparkifyError('CONFIG', `${file} line ${binary + 1} holds binary bytes: it is not a text dwh.cfg — check --config / SPARKIFY_CONFIG`);
  // A malformed line may hold a password (`DB_PASSWORD Passw0rd`): show only its first word then.
  const shown = (line: string) => (/pass|secret|key|token/i.test(line) ? `${line.trim().split(/[\s=:]/)[0]} …` : line.trim());
  let inSection = false;
  lines.forEach((line, index) => {
    const where = `${file} line ${index + 1}`;
    const kind = iniLineKind(line);
    if (kind === 'section') inSection = true;
    else if (kind === 'open-section')
      throw new SparkifyError('CONFIG', `${where}: section header "${line.trim()}" is not closed — write it as [${line.trim().slice(1).replace(/\]*$/, '').trim()}]`);
    else if (kind === 'key' && !inSection) throw new SparkifyError('CONFIG', `${where}: "${shown(line)}" comes before any [SECTION] header — put it under one, e.g. [LOCAL]`);
    else if (kind === 'other')
      throw new SparkifyError('CONFIG', `${where}: "${shown(line)}" is neither a [SECTION] header nor a "NAME = value" line — fix or remove it (comments start with # or ;)`);
  });
}

/** Warnings for sections and keys sparkify does not read (a misspelt DATABASE is silently ignored otherwise). */
export function unknownIniNames(ini: IniSections, file: string, firstLine: Map<string, number>): string[] {
  const known = knownKeys();
  const warnings: string[] = [];
  for (const [section, entries] of ini) {
    const keys = known.get(section);
    if (!keys) {
      const near = nearestName(section, [...known.keys()]);
      const hint = near ? ` (did you mean [${near}]?)` : ` (known: ${[...known.keys()].join(', ')})`;
      warnings.push(`[${section}] in ${file} (line ${firstLine.get(section) ?? '?'}) is not a section sparkify reads${hint} — its keys are ignored`);
      continue;
    }
    for (const [key, entry] of entries) {
      if (keys.includes(key)) continue;
      const near = nearestName(key, keys);
      const hint = near ? ` (did you mean ${near}?)` : ` ([${section}] keys: ${keys.join(', ')})`;
      warnings.push(`[${section}] ${key} in ${file} (line ${entry.line}) is not a key sparkify reads${hint} — it is ignored`);
    }
  }
  return warnings;
}

/** [S3] locations must be s3:// URLs: a local path there would only fail later, inside Redshift's COPY. */
export function checkS3Section(ini: IniSections, file: string): void {
  for (const key of s3UrlKeys) {
    const entry = ini.get('S3')?.get(key);
    const value = entry?.value.trim();
    if (!entry || !value || value.startsWith('s3://') || (key === 'LOG_JSONPATH' && /^auto( ignorecase)?$/i.test(value))) continue;
    throw new SparkifyError('CONFIG', `[S3] ${key} in ${file} (line ${entry.line}) must be an s3:// URL, got "${value}" — local folders go in [LOCAL] SOURCE`);
  }
}

/** NUL and other control bytes (tab, CR and form feed aside), or bytes that are not UTF-8 (decoded as U+FFFD). */
function isBinary(line: string): boolean {
  for (const c of line) {
    const code = c.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0c && code !== 0x0d) || code === 0xfffd) return true;
  }
  return false;
}
