import type { RecordKind } from '../../../schema/record-fields.js';
import type { Reject, SourceFile } from '../../../sources/source-file.js';
import type { CopyJob } from '../copy-plan.js';
import { manifestJson } from '../../../sql/dialects/redshift-copy.js';
import type { Compaction } from './compact-files.js';

/** A COPY of compacted parts through their manifest, with what maps its results back to the source files. */
export interface CompactedJob extends CopyJob {
  compaction: Compaction;
}

export const isCompacted = (job: CopyJob): job is CompactedJob => 'compaction' in job;

const trim = (url: string) => url.replace(/\/+$/, '');

/** Where a run's parts of one kind go: <compact-to>/<runId>/<kind>/ — a run never overwrites another's. */
export const partsPrefix = (compactTo: string, runId: string, kind: RecordKind) => `${trim(compactTo)}/${runId}/${kind}`;

/** The COPY of a compaction: MANIFEST (exactly its parts, each mandatory) and GZIP. */
export function compactedJob(compactTo: string, runId: string, files: SourceFile[], compaction: Compaction): CompactedJob {
  return {
    from: `${trim(compactTo)}/${runId}/${compaction.kind}.manifest`,
    manifest: true,
    gzip: true,
    files,
    manifestBody: manifestJson(compaction.parts.map((p) => p.url)),
    compaction,
  };
}

/** The source file and line of line `line` of part `url`, when it is one of the compaction's. */
export function sourceOf(compaction: Compaction, url: string, line: number): { file: string; line: number } | undefined {
  const spans = compaction.parts.find((p) => p.url === url)?.spans;
  if (!spans) return undefined;
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (line < span.start) high = mid - 1;
    else if (line >= span.start + span.count) low = mid + 1;
    else return { file: span.file, line: span.lines?.[line - span.start] ?? span.first + (line - span.start) };
  }
  return undefined;
}

/** A reject COPY reported against a part, told against the source file and line it came from. */
export function relocateReject(compaction: Compaction, reject: Reject): Reject {
  const origin = reject.line === null ? undefined : sourceOf(compaction, reject.file, reject.line);
  if (!origin) return reject;
  return { ...reject, file: origin.file, line: origin.line, raw: unquoted(reject.raw) };
}

/** Text that did not parse went to COPY as a JSON string (see oneLine): show it as it was. */
function unquoted(raw: string | null): string | null {
  if (raw === null || !raw.startsWith('"')) return raw;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : raw;
  } catch {
    return raw;
  }
}

/** Records written per source file (what a COPY of the parts reads of each). */
export function recordsPerFile(compaction: Compaction): Map<string, number> {
  const counts = new Map<string, number>();
  for (const part of compaction.parts) for (const span of part.spans) counts.set(span.file, (counts.get(span.file) ?? 0) + span.count);
  return counts;
}
