import { SparkifyError } from '../../errors.js';
import { fieldsOf, stagingTableOf, type RecordKind } from '../../schema/record-fields.js';

/** The key a JSONPaths expression reads: `$['userId']`, `$["userId"]` or `$.userId`; undefined for anything deeper. */
function keyOf(path: string): string | undefined {
  const match = /^\$(?:\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\.([A-Za-z_]\w*))$/.exec(path.trim());
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * Checks a JSONPaths file before COPY uses it, because COPY's own failures here are silent:
 * a top key other than exactly `jsonpaths` makes it fall back to 'auto' (camelCase keys then
 * load NULL), and paths map by position, so a missing or reordered one shifts every column.
 */
export function checkJsonPaths(kind: RecordKind, url: string, text: string): void {
  const fail = (what: string) => {
    throw new SparkifyError('CONFIG', `the JSONPaths file ${url} ${what} — fix it, or empty [S3] LOG_JSONPATH so sparkify writes its own next to the COPY manifest`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail('is not JSON');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail('must be one JSON object {"jsonpaths": [...]}');
  const keys = Object.keys(doc as object);
  if (keys.length !== 1 || keys[0] !== 'jsonpaths') {
    fail(
      `must have exactly one top key, "jsonpaths" (lowercase), found ${keys.map((k) => JSON.stringify(k)).join(', ') || 'none'}: with any other, COPY silently ignores the file and matches keys by name, so camelCase keys load NULL`,
    );
  }
  const paths = (doc as { jsonpaths: unknown }).jsonpaths;
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) fail('must list its paths as an array of strings under "jsonpaths"');
  const fields = fieldsOf(kind);
  const list = paths as string[];
  if (list.length !== fields.length) {
    fail(`lists ${list.length} paths, but COPY fills ${fields.length} columns of ${stagingTableOf(kind)} (${fields.map((f) => f.column).join(', ')}) by position`);
  }
  list.forEach((path, i) => {
    const field = fields[i]!;
    if (keyOf(path) !== field.key) fail(`maps path ${i + 1} (${path}) onto column ${field.column}, which reads key "${field.key}" — paths map to columns by position`);
  });
}

/** A JSONPaths file under the prefix COPY reads is loaded as data too; refused before it is. */
export function checkOutsideData(jsonPathsUrl: string, dataUrl: string | undefined): void {
  // COPY FROM 's3://b/log_data' reads every key that starts with log_data, log_data_paths.json included.
  if (!dataUrl?.startsWith('s3://') || !jsonPathsUrl.startsWith(dataUrl)) return;
  throw new SparkifyError(
    'CONFIG',
    `the JSONPaths file ${jsonPathsUrl} lies under the data prefix ${dataUrl}, so COPY would load it as an event — move it elsewhere ([S3] LOG_JSONPATH), or put [S3] MANIFEST_PREFIX outside the data`,
  );
}
