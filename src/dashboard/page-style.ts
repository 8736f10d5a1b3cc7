/** The page's CSS: one light layout shared by the dashboard and the report. */
export const pageStyle = `
:root { --ink: #1f2933; --muted: #65727e; --line: #e3e8ee; --bg: #f5f7fa; --card: #fff; --accent: #1db954; --bad: #c0392b; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; padding: 16px 24px 8px; }
header h1 { margin: 0; font-size: 22px; }
header h1 span { color: var(--accent); }
header .where { color: var(--muted); font-size: 13px; }
.bar { display: flex; flex-wrap: wrap; align-items: end; gap: 10px 14px; margin: 0 24px 12px; padding: 12px 16px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.bar label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
.bar input, .bar select, .bar button { font: inherit; padding: 5px 8px; border: 1px solid #cbd2d9; border-radius: 6px; background: #fff; color: var(--ink); }
.bar button { cursor: pointer; }
.bar button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
.bar .status { margin-left: auto; color: var(--muted); font-size: 12px; }
.error { margin: 0 24px 12px; padding: 10px 14px; border-radius: 8px; background: #fdecea; color: var(--bad); border: 1px solid #f5c6c1; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px; padding: 0 24px 24px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card h2 { margin: 0 0 2px; font-size: 15px; }
.card p.about { margin: 0 0 10px; color: var(--muted); font-size: 12px; }
.chart-box { position: relative; height: 260px; }
.card.tall .chart-box { height: 320px; }
.empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: var(--muted); pointer-events: none; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; }
.tile { flex: 1 1 110px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fafbfc; }
.tile b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.tile small { color: var(--muted); }
.tile.bad b { color: var(--bad); }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: 12px; }
th, td { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.reasons { margin: 8px 0 0; padding-left: 18px; color: var(--muted); font-size: 12px; }
footer { padding: 0 24px 24px; color: var(--muted); font-size: 12px; }
`;
