import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/analytics/csv.js';
import type { AnalysisResult } from '../../src/analytics/query-def.js';
import { bar, horizontalBars, sparkline, terminalChart } from '../../src/analytics/terminal-chart.js';

const result = (chart: AnalysisResult['chart'], rows: AnalysisResult['rows']): AnalysisResult => ({
  name: 'x',
  title: 'X',
  description: '',
  params: {},
  columns: [],
  ...(chart ? { chart } : {}),
  rows,
});

describe('terminal charts', () => {
  it('a sparkline scales from nothing to the largest value', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8])).toBe(' ▁▂▃▄▅▆▇█');
    expect(sparkline([1, 8])).toBe('▁█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(sparkline([5, 5, 5])).toBe('███');
  });

  it('bars are drawn in eighths of a block, and a small non-zero value still shows', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 10, 4)).toBe('▍');
    expect(bar(1, 100_000, 4)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
  });

  it('horizontal bars line up their labels and print the value', () => {
    expect(
      horizontalBars(
        [
          { label: 'paid', value: 5591 },
          { label: 'free', value: 1229 },
        ],
        10,
      ),
    ).toBe('paid  ██████████ 5,591\nfree  ██▎ 1,229');
  });

  it('a doughnut spec becomes bars with shares; a line spec a sparkline with its range', () => {
    const coverage = result({ type: 'doughnut', label: 'match', series: ['plays'] }, [
      { match: 'matched', plays: 1 },
      { match: 'unmatched', plays: 6819 },
    ]);
    expect(terminalChart(coverage, 10)).toBe('matched    ▏ 1 (0.01%)\nunmatched  ██████████ 6,819 (99.99%)');
    const days = result({ type: 'line', label: 'day', series: ['plays'] }, [
      { day: '2018-11-01', plays: 1 },
      { day: '2018-11-02', plays: 8 },
    ]);
    expect(terminalChart(days)).toBe('▁█  2018-11-01 … 2018-11-02  (max 8, total 9)');
    expect(terminalChart(result(undefined, [{ a: 1 }]))).toBe('');
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes and newlines', () => {
    const columns = [
      { key: 'location', kind: 'text' as const },
      { key: 'plays', kind: 'count' as const },
    ];
    expect(
      toCsv(columns, [
        { location: 'Chicago-Naperville-Elgin, IL-IN-WI', plays: 475 },
        { location: 'a "b"', plays: 1 },
        { location: null, plays: 0 },
      ]),
    ).toBe('location,plays\r\n"Chicago-Naperville-Elgin, IL-IN-WI",475\r\n"a ""b""",1\r\n,0\r\n');
  });
});
