import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryParams } from '../../src/analytics/params.js';
import { analyticQueries } from '../../src/analytics/queries.js';
import { runAnalysis } from '../../src/analytics/run-analysis.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline, withWarehouse, type RunSummary } from '../../src/index.js';
import type { Row } from '../../src/engines/warehouse.js';
import { bothEngines, withEngineSettings, type TestEngine } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { starTableRows } from '../helpers/star-tables.js';

interface Loaded {
  summary: RunSummary;
  rows: Record<string, Row[]>;
  /** Every named analysis with its default parameters. */
  analyses: Record<string, Row[]>;
}

/** Runs the pipeline on `source` in a fresh warehouse of `engine`; returns the summary, every star row and every analysis. */
async function load(engine: TestEngine, source: string): Promise<Loaded> {
  return withEngineSettings(engine, async (settings) => {
    const summary = await runPipeline({ ...settings, source });
    return withWarehouse(configFromSettings(settings), async (warehouse) => {
      const rows = await starTableRows(warehouse);
      const analyses: Record<string, Row[]> = {};
      for (const query of analyticQueries) analyses[query.name] = (await runAnalysis(warehouse, query, parseQueryParams(query, {}))).rows;
      return { summary, rows, analyses };
    });
  });
}

function expectSameStar(duckdb: Record<string, Row[]>, postgres: Record<string, Row[]>): void {
  for (const table of Object.keys(duckdb)) {
    expect(postgres[table]!.length, table).toBe(duckdb[table]!.length);
    // Row by row, so a difference names the first row that differs rather than a 7,000-row diff.
    duckdb[table]!.forEach((row, i) => {
      expect(postgres[table]![i], `${table} row ${i}`).toEqual(row);
    });
  }
}

describe.skipIf(!bothEngines)('DuckDB and PostgreSQL build identical star tables', () => {
  it.skipIf(!sampleAvailable())('on the real Udacity sample', async () => {
    const duckdb = await load('duckdb', udacitySample);
    const postgres = await load('postgres', udacitySample);
    expect(postgres.summary.tables).toEqual(duckdb.summary.tables);
    expect(duckdb.rows.songplays!.length).toBe(6820);
    expectSameStar(duckdb.rows, postgres.rows);
    expect(postgres.analyses).toEqual(duckdb.analyses);
  });

  describe('on a generated sample', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkify-parity-'));
    beforeAll(() => generateSample({ outDir: dir, events: 20_000, songs: 500, seed: 7 }));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('with matched plays, paid and free levels, and many users', async () => {
      const duckdb = await load('duckdb', dir);
      const postgres = await load('postgres', dir);
      expect(postgres.summary.tables).toEqual(duckdb.summary.tables);
      expect(postgres.summary.songplays_matched).toBe(duckdb.summary.songplays_matched);
      expect(duckdb.summary.songplays_matched).toBeGreaterThan(100);
      expectSameStar(duckdb.rows, postgres.rows);
      expect(postgres.analyses).toEqual(duckdb.analyses);
    });
  });
});
