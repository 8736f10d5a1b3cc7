import { fieldsOf, type RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import type { OnUnknownFields } from '../../sources/unknown-fields.js';
import { sqlString } from '../../sql/quote.js';
import type { Warehouse } from '../warehouse.js';
import { nativeMaxObjectBytes } from './native-max-object.js';

const filesPerQuery = 2000;

/**
 * Schema drift on DuckDB's native path, for files the reader loaded without checking their keys
 * (a batch where some record holds a key outside the known ones): they are read once more as
 * whole objects and their keys counted per file, in one aggregate query per batch. DuckDB
 * cannot say on which line a key first shows; the run finds that line afterwards, in the one
 * file that needs it. A record whose keys are exactly the known ones in their usual order is
 * passed over without unnesting its keys.
 */
export async function reportUnknownFields(warehouse: Warehouse, kind: RecordKind, files: SourceFile[], onUnknownFields: OnUnknownFields): Promise<void> {
  const known = fieldsOf(kind)
    .map((f) => sqlString(f.key))
    .join(', ');
  const format = kind === 'events' ? 'newline_delimited' : 'unstructured';
  for (let i = 0; i < files.length; i += filesPerQuery) {
    const paths = files.slice(i, i + filesPerQuery).map((f) => sqlString(f.path));
    const rows = await warehouse.query(
      `SELECT filename, field, COUNT(*) AS n
FROM (
  SELECT filename, unnest(keys) AS field
  FROM (SELECT filename, json_keys(json) AS keys FROM read_json_objects([${paths.join(', ')}], format = '${format}', filename = true, maximum_object_size = ${nativeMaxObjectBytes}))
  WHERE keys <> [${known}]
)
WHERE field NOT IN (${known})
GROUP BY filename, field`,
    );
    const byFile = new Map<string, { field: string; records: number; firstLine: null }[]>();
    for (const r of rows) {
      const file = String(r.filename);
      byFile.set(file, [...(byFile.get(file) ?? []), { field: String(r.field), records: Number(r.n), firstLine: null }]);
    }
    for (const [file, sightings] of byFile) onUnknownFields(kind, file, sightings);
  }
}
