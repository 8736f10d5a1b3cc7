import { describe, expect, it } from 'vitest';
import { scanObjects } from '../../src/sources/scan-objects.js';

const scan = (text: string) => [...scanObjects(text)];

describe('song file scanner', () => {
  it('splits objects written one after another on one line', () => {
    expect(scan('{"a":1}{"a":2}')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 1, text: '{"a":2}' },
    ]);
  });

  it('keeps pretty-printed objects whole and reports their first line', () => {
    const text = '{\n  "a": "}{",\n  "b": [1, {"c": 2}]\n}\n\n{\n "a": "\\"q"\n}\n';
    expect(scan(text).map((r) => r.line)).toEqual([1, 6]);
    expect(JSON.parse(scan(text)[0]!.text)).toEqual({ a: '}{', b: [1, { c: 2 }] });
  });

  it('reports text outside objects and a truncated last object as candidates', () => {
    expect(scan('junk here\n{"a":1}\n{"a":')).toEqual([
      { line: 1, text: 'junk here' },
      { line: 2, text: '{"a":1}' },
      { line: 3, text: '{"a":' },
    ]);
  });
});
