/** A cell of a binary COPY row: its bytes, or null for NULL. */
export type BinaryCell = Buffer | null;

/** Splits binary COPY rows (no header or trailer) into their cells, checking that every row is whole. */
export function readBinaryRows(bytes: Buffer): BinaryCell[][] {
  const rows: BinaryCell[][] = [];
  let at = 0;
  while (at < bytes.length) {
    const count = bytes.readInt16BE(at);
    at += 2;
    const row: BinaryCell[] = [];
    for (let i = 0; i < count; i++) {
      const length = bytes.readInt32BE(at);
      at += 4;
      if (length === -1) row.push(null);
      else {
        if (at + length > bytes.length) throw new Error(`row ${rows.length} is cut off`);
        row.push(bytes.subarray(at, at + length));
        at += length;
      }
    }
    rows.push(row);
  }
  return rows;
}
