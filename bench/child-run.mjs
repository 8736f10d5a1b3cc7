// One measured job in a fresh process, so its peak RSS is its own:
//   node bench/child-run.mjs bare|etl SOURCE DB   → prints {"ms", "maxRssMB", "timings"}
import { bareRead } from './bare-read.mjs';

const [mode, source, db, extra] = process.argv.slice(2);
const start = performance.now();
let timings;
if (mode === 'bare') {
  // The baseline: DuckDB's own JSON reader, auto-detecting, each side into one table.
  await bareRead(source, db);
} else {
  const { runPipeline } = await import('../dist/index.js');
  const summary = await runPipeline({ source, database: db, cwd: process.cwd(), env: {}, fullRefresh: extra === 'full' });
  timings = summary.timings_ms;
}
const ms = Math.round(performance.now() - start);
console.log(JSON.stringify({ ms, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), timings }));
