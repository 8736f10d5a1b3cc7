// The baseline's rows for bench/pg-staging.mjs: the same decoded records in PostgreSQL's
// COPY text format (tab-separated, \N for NULL, backslash escapes, ISO 8601 timestamps),
// the format a plain `COPY … FROM STDIN` reads by default.
const escapes = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (text) => text.replace(/[\\\t\n\r]/g, (c) => escapes[c]);

/** COPY text chunks of about 64 KiB for `files`, decoded with sparkify's record rules. */
export async function copyTextChunks(files, fields, decodeFileBatches) {
  const chunks = [];
  let chunk = '';
  for (const file of files) {
    const source = escapeText(file.path);
    for await (const batch of decodeFileBatches('events', file.path, () => undefined)) {
      batch.forEach((record) => {
        let row = '';
        fields.forEach((field, i) => {
          const value = record.values[i];
          if (value === null || value === undefined) row += '\\N\t';
          else if (field.kind === 'epoch_ms') row += `${new Date(value).toISOString()}\t`;
          else if (field.kind === 'string' || field.kind === 'id') row += `${escapeText(value)}\t`;
          else row += `${value}\t`;
        });
        chunk += `${row}${source}\n`;
        if (chunk.length >= 1 << 16) {
          chunks.push(Buffer.from(chunk));
          chunk = '';
        }
      });
    }
  }
  if (chunk) chunks.push(Buffer.from(chunk));
  return chunks;
}
