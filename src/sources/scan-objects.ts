import type { RawRecord } from './read-records.js';

/**
 * Splits text holding concatenated JSON values (objects one after another, on one line
 * or pretty-printed over many) into candidate records with their starting line.
 * Text outside any object becomes its own candidate so it is reported, not lost.
 */
export function* scanObjects(text: string): Generator<RawRecord> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let startLine = 1;
  let junkStart = -1;
  let junkLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line += 1;
    if (depth > 0) {
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') {
        depth -= 1;
        if (depth === 0) yield { line: startLine, text: text.slice(start, i + 1) };
      }
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (junkStart >= 0) yield { line: junkLine, text: text.slice(junkStart, i).trim() };
      junkStart = -1;
      depth = 1;
      start = i;
      startLine = line;
    } else if (!/\s/.test(ch) && junkStart < 0) {
      junkStart = i;
      junkLine = line;
    } else if (ch === '\n' && junkStart >= 0) {
      yield { line: junkLine, text: text.slice(junkStart, i).trim() };
      junkStart = -1;
    }
  }
  if (depth > 0) yield { line: startLine, text: text.slice(start) };
  else if (junkStart >= 0) yield { line: junkLine, text: text.slice(junkStart).trim() };
}
