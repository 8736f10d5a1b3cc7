// Event logs shaped like the real sample: the 8,056 real events of ../shared/data/udacity-sample,
// copied with ts shifted by 30 days and sessionId by the sample's largest id per copy, one file
// per copy (3.6 MB, as a month of the real logs), plus the 71 real song files. Made once under
// bench/data/ and reused.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, dataDir } from './lib.mjs';

export const realSample = join(benchDir, '..', '..', 'shared', 'data', 'udacity-sample');
const dayMs = 86_400_000;

/** A directory with log_data/ (about `events` events) and song_data/ (the real 71 songs). */
export function sampleShaped(events) {
  const out = join(dataDir, `real-shaped-e${events}`);
  if (existsSync(join(out, 'song_data'))) return out;
  const logDir = join(realSample, 'log_data');
  const lines = readdirSync(logDir, { recursive: true })
    .filter((f) => String(f).endsWith('.json'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(logDir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
  const maxSession = Math.max(...lines.map((l) => JSON.parse(l).sessionId));
  const copies = Math.max(1, Math.round(events / lines.length));
  for (let k = 0; k < copies; k++) {
    const dir = join(out, 'log_data', String(Math.floor(k / 100)));
    mkdirSync(dir, { recursive: true });
    const text = lines
      // The raw lines with two numbers replaced, so escapes and number spellings stay the real ones.
      .map((l) =>
        l.replace(/"ts":(\d+)/, (_, ts) => `"ts":${Number(ts) + k * 30 * dayMs}`).replace(/"sessionId":(\d+)/, (_, id) => `"sessionId":${Number(id) + k * (maxSession + 1)}`),
      )
      .join('\n');
    writeFileSync(join(dir, `copy-${String(k).padStart(5, '0')}-events.json`), `${text}\n`);
  }
  cpSync(join(realSample, 'song_data'), join(out, 'song_data'), { recursive: true });
  return out;
}
