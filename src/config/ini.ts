/** A parsed INI file: section → key → value. Keys keep their case; lookups are case-insensitive. */
export type IniSections = Map<string, Map<string, IniEntry>>;

export interface IniEntry {
  value: string;
  line: number;
}

const sectionLine = /^\s*\[([^\]]+)\]\s*$/;
const keyLine = /^\s*([^=:#;\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/;

/** What one line is: blank or comment, a [SECTION] header, KEY=VALUE, an unclosed header, or something else. */
export function iniLineKind(line: string): 'blank' | 'section' | 'key' | 'open-section' | 'other' {
  if (/^\s*([#;].*)?$/.test(line)) return 'blank';
  if (sectionLine.test(line)) return 'section';
  if (/^\s*\[/.test(line)) return 'open-section';
  return keyLine.test(line) ? 'key' : 'other';
}

/** The line of each section's first header, for messages. */
export function sectionLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const name = sectionLine.exec(line)?.[1]?.trim().toUpperCase();
      if (name && !lines.has(name)) lines.set(name, index + 1);
    });
  return lines;
}

/** Strips one pair of matching quotes: the seeds write `HOST=''` and `LOG_DATA='s3://…'`. */
function unquote(raw: string): string {
  const first = raw[0];
  if (raw.length >= 2 && (first === "'" || first === '"') && raw.endsWith(first)) return raw.slice(1, -1);
  return raw;
}

/** Parses configparser-style INI text (the format of the seeds' dwh.cfg). */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, IniEntry> | undefined;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (/^\s*([#;].*)?$/.test(line)) return;
      const section = sectionLine.exec(line);
      if (section) {
        const name = section[1]!.trim().toUpperCase();
        current = sections.get(name) ?? new Map();
        sections.set(name, current);
        return;
      }
      const pair = keyLine.exec(line);
      if (pair && current) current.set(pair[1]!.toUpperCase(), { value: unquote(pair[2]!), line: index + 1 });
    });
  return sections;
}

/** Sets keys in INI text and returns the new text; comments, order and other keys are kept. */
export function updateIni(text: string, section: string, values: Record<string, string>): string {
  const lines = text.split(/\r?\n/);
  const wanted = section.toUpperCase();
  const pending = new Map(Object.entries(values).map(([k, v]) => [k.toUpperCase(), { key: k, value: v }]));
  let inSection = false;
  let lastLineOfSection = -1;
  lines.forEach((line, index) => {
    const header = sectionLine.exec(line);
    if (header) {
      inSection = header[1]!.trim().toUpperCase() === wanted;
      if (inSection) lastLineOfSection = index;
      return;
    }
    if (!inSection) return;
    const pair = keyLine.exec(line);
    if (pair && !/^\s*[#;]/.test(line)) {
      const entry = pending.get(pair[1]!.toUpperCase());
      if (entry) {
        lines[index] = `${pair[1]}=${entry.value}`;
        pending.delete(pair[1]!.toUpperCase());
      }
    }
    if (line.trim() !== '') lastLineOfSection = index;
  });
  const added = [...pending.values()].map(({ key, value }) => `${key}=${value}`);
  if (added.length === 0) return lines.join('\n');
  if (lastLineOfSection === -1) {
    const tail = lines.length > 0 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
    return [...tail, ...(tail.length ? [''] : []), `[${section}]`, ...added, ''].join('\n');
  }
  lines.splice(lastLineOfSection + 1, 0, ...added);
  return lines.join('\n');
}
