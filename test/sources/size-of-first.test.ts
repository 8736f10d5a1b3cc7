import { describe, expect, it } from 'vitest';
import { sizeOfFirst, totalSize } from '../../src/sources/source-file.js';

describe('sizeOfFirst', () => {
  it('gives the bytes of the first n files, as totalSize of the slice would', () => {
    const files = [3, 0, 5, 7].map((size, i) => ({ path: `f${i}`, size, tag: '' }));
    const first = sizeOfFirst(files);
    for (let n = 0; n <= files.length; n++) expect(first(n)).toBe(totalSize(files.slice(0, n)));
    expect(first(99)).toBe(15);
  });
});
