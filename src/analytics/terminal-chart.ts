import type { AnalysisResult } from './query-def.js';

const sparks = '▁▂▃▄▅▆▇█';
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const labelWidth = 28;
/** Longer category axes (hours of the day) read better as one sparkline than as many bar lines. */
const maxBarRows = 12;

/** A one-line sparkline: one block per value, in eighths of the largest value; zero is a blank. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 || v <= 0 ? ' ' : sparks[Math.max(0, Math.ceil((v / max) * sparks.length) - 1)])).join('');
}

/** A bar of `value / max` of `width` cells, in eighths of a block; a non-zero value always shows. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const cells = Math.max(1 / 8, (value / max) * width);
  const full = Math.floor(cells);
  return '█'.repeat(full) + (eighths[Math.round((cells - full) * 8)] ?? '');
}

export interface BarItem {
  label: string;
  value: number;
}

/** Labelled horizontal bars, one line each: `label  ████▌ value`. */
export function horizontalBars(items: BarItem[], width = 40, formatValue: (n: number) => string = (n) => n.toLocaleString('en-US')): string {
  const max = Math.max(0, ...items.map((i) => i.value));
  const labels = items.map((i) => fit(i.label, labelWidth));
  const pad = Math.max(0, ...labels.map((l) => l.length));
  return items.map((item, i) => `${labels[i]!.padEnd(pad)}  ${bar(item.value, max, width)} ${formatValue(item.value)}`.trimEnd()).join('\n');
}

/** The terminal chart of a result, from its chart spec; '' when it has none or no rows. */
export function terminalChart(result: AnalysisResult, width = 40): string {
  const spec = result.chart;
  if (!spec || result.rows.length === 0) return '';
  const labels = result.rows.map((r) => String(r[spec.label] ?? ''));
  const blocks = spec.series.map((series) => {
    const values = result.rows.map((r) => Number(r[series] ?? 0));
    const heading = spec.series.length > 1 ? `${series}\n` : '';
    if (spec.type === 'line' || (spec.type === 'bar' && values.length > maxBarRows)) {
      const range = `${labels[0]} … ${labels.at(-1)}`;
      return `${heading}${sparkline(values)}  ${range}  (max ${Math.max(...values).toLocaleString('en-US')}, total ${sum(values).toLocaleString('en-US')})`;
    }
    const total = sum(values);
    const format = (n: number) => (spec.type === 'doughnut' ? `${n.toLocaleString('en-US')} (${percent(n, total)})` : n.toLocaleString('en-US'));
    return (
      heading +
      horizontalBars(
        labels.map((label, i) => ({ label, value: values[i] ?? 0 })),
        width,
        format,
      )
    );
  });
  return blocks.join('\n\n');
}

/** 1 decimal, or 2 when a share that is neither none nor all would round to 0.0% or 100.0%. */
function percent(n: number, total: number): string {
  const share = total > 0 ? (100 * n) / total : 0;
  const extreme = (share > 0 && share < 0.05) || (share < 100 && share > 99.95);
  return `${share.toFixed(extreme ? 2 : 1)}%`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
