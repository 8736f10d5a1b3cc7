import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/print-summary.js';
import type { RunSummary } from '../../src/pipeline/summary.js';

const summary: RunSummary = {
  runId: 'run-1',
  target: 'redshift',
  database: 'Redshift Serverless workgroup wg, database dev (Data API)',
  source: 's3://udacity-dend',
  files: { events: 30, songs: 100, unchanged: 0 },
  tables: { songplays: 10 },
  songplays_matched: 1,
  rejects: { events: 0, songs: 0 },
  checks: [],
  timings_ms: { stage: 1000 },
};

describe('run summary', () => {
  it('prints each warning of the run on its own line, and none when there are none', () => {
    const warned = formatSummary({ ...summary, warnings: ['Redshift Serverless has no slice count to read — compacted files are a multiple of 4 slices'] });
    expect(warned).toContain('\nwarning: Redshift Serverless has no slice count to read — compacted files are a multiple of 4 slices\n');
    expect(formatSummary(summary)).not.toContain('warning:');
  });
});
