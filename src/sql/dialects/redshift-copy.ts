import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';
import { redshiftString } from './redshift-dialect.js';
import { qualified, quoteIdent } from '../quote.js';

/** Redshift's own ceiling for MAXERROR. */
export const maxErrorCeiling = 100_000;

/** Everything a COPY statement says besides where it reads. */
export interface CopyOptions {
  schema: string;
  kind: RecordKind;
  iamRoleArn: string;
  /** Region of the bucket (udacity-dend: us-west-2). */
  region: string;
  /** s3:// URL of a JSONPaths file; without one, keys map to columns by name ('auto ignorecase'). */
  jsonPaths: string | undefined;
  /** --max-errors; undefined = Redshift's ceiling, so bad records are recorded, not fatal. */
  maxErrors: number | undefined;
}

/** Where one COPY reads: a key prefix, or a manifest file listing exact objects. */
export interface CopySource {
  from: string;
  manifest: boolean;
  gzip: boolean;
}

/**
 * MAXERROR for `--max-errors`: Redshift accepts at most 100000. Unset, the ceiling: a bad
 * record is skipped and recorded (then read back into load_errors) as on DuckDB and
 * PostgreSQL, and the pipeline's own --max-errors check decides whether the run fails.
 */
export function maxErrorFor(maxErrors: number | undefined): number {
  return Math.min(maxErrors ?? maxErrorCeiling, maxErrorCeiling);
}

/** The staging columns COPY fills, in JSONPaths order: all but source_file, which COPY cannot know. */
export function copyColumns(kind: RecordKind): string[] {
  return fieldsOf(kind).map((f) => f.column);
}

/** `COPY staging_… (columns) FROM 's3://…' IAM_ROLE … FORMAT AS JSON … REGION … TIMEFORMAT … MAXERROR …`. */
export function copySql(options: CopyOptions, source: CopySource): string {
  const columns = copyColumns(options.kind).map(quoteIdent).join(', ');
  const lines = [
    `COPY ${qualified(options.schema, stagingTableOf(options.kind))} (${columns})`,
    `FROM ${redshiftString(source.from)}`,
    `IAM_ROLE ${redshiftString(options.iamRoleArn)}`,
    `FORMAT AS JSON ${redshiftString(options.jsonPaths ?? 'auto ignorecase')}`,
  ];
  if (source.manifest) lines.push('MANIFEST');
  if (source.gzip) lines.push('GZIP');
  lines.push(`REGION ${redshiftString(options.region)}`);
  // ts is epoch milliseconds in the logs; staging_events.ts is a TIMESTAMP.
  if (fieldsOf(options.kind).some((f) => f.kind === 'epoch_ms')) lines.push(`TIMEFORMAT 'epochmillisecs'`);
  lines.push(`MAXERROR ${maxErrorFor(options.maxErrors)}`);
  // Staging is reloaded every run: no compression analysis; statistics come from one ANALYZE after all COPYs.
  lines.push('COMPUPDATE OFF', 'STATUPDATE OFF');
  return lines.join('\n');
}

/** A COPY manifest: exactly these objects, each required to exist. */
export function manifestJson(urls: string[]): string {
  return `${JSON.stringify({ entries: urls.map((url) => ({ url, mandatory: true })) }, null, 1)}\n`;
}

/** A JSONPaths file mapping the record keys, by position, onto copyColumns(kind). */
export function jsonPathsJson(kind: RecordKind): string {
  return `${JSON.stringify({ jsonpaths: fieldsOf(kind).map((f) => `$['${f.key}']`) }, null, 1)}\n`;
}
