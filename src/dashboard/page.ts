import { createHash } from 'node:crypto';
import { pageScript } from './page-script.js';
import { pageStyle } from './page-style.js';

export interface PageOptions {
  /** Where chart.js comes from: the server's own URL, or its source inlined (report). */
  chartJs: { src: string } | { inline: string };
  /** Everything the page shows, embedded (report); absent, the page asks the API (dashboard). */
  data?: unknown;
  /** Dashboard: how often the page asks whether a new run has committed (default 5 s). */
  pollMs?: number;
}

export interface Page {
  html: string;
  /** The Content-Security-Policy: only this page's own script and style, no other origin. */
  csp: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that is safe inside a <script> element: no `<` (so no `</script>`), no line separators. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The dashboard page (and the report, which is the same page with its data inside). */
export function renderPage(options: PageOptions): Page {
  const inlineChart = 'inline' in options.chartJs ? options.chartJs.inline.replace(/<\/script/gi, '<\\/script') : undefined;
  const chartTag = inlineChart === undefined ? `<script src="${'src' in options.chartJs ? options.chartJs.src : ''}"></script>` : `<script>${inlineChart}</script>`;
  const scripts = [pageScript, ...(inlineChart === undefined ? [] : [inlineChart])];
  const network = inlineChart === undefined ? "'self'" : "'none'";
  const csp = [
    "default-src 'none'",
    `script-src ${inlineChart === undefined ? "'self' " : ''}${scripts.map(sha256).join(' ')}`,
    `style-src ${sha256(pageStyle)}`,
    `connect-src ${network}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const data = options.data === undefined ? '' : `<script type="application/json" id="sparkify-data">${scriptJson(options.data)}</script>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.data === undefined ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`}
<title>Sparkify song plays</title>
<link rel="icon" href="data:,">
<style>${pageStyle}</style>
</head>
<body data-state="loading"${options.pollMs === undefined ? '' : ` data-poll-ms="${Math.round(options.pollMs)}"`}>
<header><h1><span>Sparkify</span> song plays</h1><div class="where" id="where"></div></header>
<form class="bar" id="filter">
  <label>From <input type="date" name="from"></label>
  <label>To <input type="date" name="to"></label>
  <label>Level <select name="level"><option value="">all</option><option value="free">free</option><option value="paid">paid</option></select></label>
  <label>Top <select name="limit"><option>5</option><option selected>10</option><option>20</option><option>50</option></select></label>
  <button class="primary" type="submit">Apply</button>
  <button type="button" id="reset">Reset</button>
  <span class="status" id="status"></span>
</form>
<div class="bar" id="report-filter" hidden><span id="report-filter-text"></span></div>
<div class="error" id="error" role="alert" hidden></div>
<main id="cards">
  <section class="card wide" id="last-run"><h2>Last run</h2><p class="about" id="last-run-about"></p><div id="last-run-body"></div></section>
</main>
<footer>Built by sparkify from the star schema (songplays, users, songs, artists, time) and etl_runs.</footer>
${data}
${chartTag}
<script>${pageScript}</script>
</body>
</html>
`;
  return { html, csp };
}
