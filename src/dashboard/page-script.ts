/**
 * The page's script, plain browser JavaScript. Live, it asks the dashboard API; in a report
 * it reads the JSON embedded in #sparkify-data. Data only ever goes into the page as text
 * (textContent), never as HTML. Charts are exposed as window.sparkifyCharts for tests.
 */
export const pageScript = String.raw`
(function () {
  'use strict';
  var palette = ['#1db954', '#3b82f6', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899', '#64748b', '#a3e635', '#0ea5e9'];
  var numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  var charts = {};
  var cards = {};
  var queries = [];
  var revision = 0;
  window.sparkifyCharts = charts;
  var dataNode = document.getElementById('sparkify-data');
  var embedded = dataNode ? JSON.parse(dataNode.textContent) : null;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function setState(value) { document.body.setAttribute('data-state', value); }
  function showError(message) {
    var box = $('error');
    box.textContent = message || '';
    box.hidden = !message;
  }
  function fmt(value) { return typeof value === 'number' ? numbers.format(value) : (value === null || value === undefined ? '' : String(value)); }
  function clip(text, width) { text = String(text); return text.length > width ? text.slice(0, width - 1) + '\u2026' : text; }

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        return body;
      });
    });
  }

  function tile(label, value, bad) {
    var node = el('div', 'tile' + (bad ? ' bad' : ''));
    node.appendChild(el('b', '', fmt(value)));
    node.appendChild(el('small', '', label));
    return node;
  }

  function renderRun(run) {
    var box = $('last-run-body');
    box.textContent = '';
    if (!run) { box.appendChild(el('p', 'about', 'No run has succeeded yet: run sparkify run first.')); return; }
    var s = run.summary || {};
    var tables = s.tables || {};
    var rejects = s.rejects || {};
    var checks = s.checks || [];
    var passed = checks.filter(function (c) { return c.ok; }).length;
    $('last-run-about').textContent = 'Run ' + run.runId + ', finished ' + (run.finishedAt || '?') + ' from ' + (run.source || '?');
    var tiles = el('div', 'tiles');
    ['songplays', 'users', 'songs', 'artists', 'time'].forEach(function (name) { if (name in tables) tiles.appendChild(tile(name, tables[name])); });
    if ('songplays_matched' in s) tiles.appendChild(tile('matched plays', s.songplays_matched));
    tiles.appendChild(tile('rejected events', rejects.events || 0, (rejects.events || 0) > 0));
    tiles.appendChild(tile('rejected songs', rejects.songs || 0, (rejects.songs || 0) > 0));
    tiles.appendChild(tile('checks passed', passed + ' / ' + checks.length, passed < checks.length));
    box.appendChild(tiles);
    var own = checks.filter(function (c) { return c.origin; });
    if (own.length) {
      var ownList = el('ul', 'user-checks');
      own.forEach(function (c) { ownList.appendChild(el('li', c.ok ? '' : 'error', 'your check ' + c.name + ': ' + (c.ok ? 'ok' : c.violations + ' violating rows') + ' (' + c.origin + ')')); });
      box.appendChild(ownList);
    }
    if (run.rejectReasons && run.rejectReasons.length) {
      var list = el('ul', 'reasons');
      run.rejectReasons.forEach(function (r) { list.appendChild(reasonItem(run.runId, r)); });
      var left = run.rejectsLeftOut || { reasons: 0, records: 0 };
      if (left.reasons > 0) {
        list.appendChild(el('li', 'more', '\u2026 and ' + fmt(left.reasons) + ' more reason' + (left.reasons === 1 ? '' : 's') + ' (' + fmt(left.records) + ' record' + (left.records === 1 ? '' : 's') + ') \u2014 sparkify rejects --run ' + run.runId + ' lists them all'));
      }
      box.appendChild(list);
    }
    if (run.laterFailure) box.appendChild(el('p', 'error', 'A later run failed (' + run.laterFailure.runId + '): ' + clip(run.laterFailure.error || '', 300)));
  }

  // One reason: its count, and where it first happened; live, that links to the records themselves.
  function reasonItem(runId, r) {
    var item = el('li', '', r.count + ' \u00d7 ' + r.kind + ': ' + clip(r.reason, 160));
    if (!r.first) return item;
    var at = r.first.file + (r.first.line === null ? '' : ':' + r.first.line);
    item.appendChild(document.createTextNode(' \u2014 first at '));
    if (embedded) { item.appendChild(el('code', '', at)); return item; }
    var link = el('a', '', at);
    link.href = '/api/rejects?run=' + encodeURIComponent(runId) + '&kind=' + encodeURIComponent(r.kind) + '&reason=' + encodeURIComponent(r.reason);
    link.title = 'the records rejected for this reason (JSON)';
    item.appendChild(link);
    return item;
  }

  function buildCards(list) {
    var main = $('cards');
    list.forEach(function (q) {
      var card = el('section', 'card');
      card.id = 'card-' + q.name;
      if (q.chart && q.chart.type === 'line') card.className += ' wide';
      if (q.chart && q.chart.type === 'hbar') card.className += ' tall';
      card.appendChild(el('h2', '', q.title));
      card.appendChild(el('p', 'about', q.description));
      var ref = { query: q, card: card };
      if (q.chart) {
        var box = el('div', 'chart-box');
        ref.canvas = el('canvas');
        ref.canvas.setAttribute('role', 'img');
        ref.canvas.setAttribute('aria-label', q.title);
        ref.empty = el('div', 'empty', 'Nothing in this range');
        ref.empty.hidden = true;
        box.appendChild(ref.canvas);
        box.appendChild(ref.empty);
        card.appendChild(box);
      } else {
        ref.tiles = el('div', 'tiles');
        card.appendChild(ref.tiles);
      }
      var details = el('details');
      details.appendChild(el('summary', '', 'Table'));
      ref.table = el('table');
      details.appendChild(ref.table);
      card.appendChild(details);
      main.appendChild(card);
      cards[q.name] = ref;
    });
  }

  function renderTable(table, result) {
    table.textContent = '';
    var head = el('tr');
    result.columns.forEach(function (c) { head.appendChild(el('th', c.kind === 'text' ? '' : 'num', c.key)); });
    table.appendChild(head);
    result.rows.forEach(function (row) {
      var tr = el('tr');
      result.columns.forEach(function (c) { tr.appendChild(el('td', c.kind === 'text' ? '' : 'num', fmt(row[c.key]))); });
      table.appendChild(tr);
    });
  }

  function datasets(spec, rows) {
    return spec.series.map(function (series, i) {
      var color = palette[i % palette.length];
      var data = rows.map(function (r) { return Number(r[series] || 0); });
      if (spec.type === 'doughnut') return { label: series, data: data, backgroundColor: rows.map(function (_, j) { return palette[j % palette.length]; }) };
      if (spec.type === 'line') return { label: series, data: data, borderColor: color, backgroundColor: color + '33', fill: true, cubicInterpolationMode: 'monotone', pointRadius: 2 };
      // A count of 1 beside 600 would be under a pixel: bars get a visible minimum, and zeros stay empty.
      return { label: series, data: data.map(function (v) { return v === 0 ? null : v; }), backgroundColor: color, borderRadius: 3, maxBarThickness: 36, minBarLength: 3 };
    });
  }

  /** Doughnut legends say each slice's share: a 0.01% slice is invisible otherwise. */
  function withShares(labels, values) {
    var total = values.reduce(function (a, b) { return a + b; }, 0);
    return labels.map(function (label, i) {
      var share = total > 0 ? (100 * values[i]) / total : 0;
      var extreme = (share > 0 && share < 0.05) || (share < 100 && share > 99.95);
      return label + ' ' + share.toFixed(extreme ? 2 : 1) + '%';
    });
  }

  function chartConfig(spec, rows) {
    var labels = rows.map(function (r) { return clip(r[spec.label] === null ? '(none)' : r[spec.label], 30); });
    if (spec.type === 'doughnut') labels = withShares(labels, rows.map(function (r) { return Number(r[spec.series[0]] || 0); }));
    var many = spec.series.length > 1;
    var options = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: many || spec.type === 'doughnut', position: spec.type === 'doughnut' ? 'right' : 'top' } } };
    if (spec.type === 'hbar') options.indexAxis = 'y';
    if (spec.type !== 'doughnut') {
      var counts = { beginAtZero: true, ticks: { precision: 0 } };
      options.scales = spec.type === 'hbar' ? { x: counts } : { y: counts };
    }
    return { type: spec.type === 'hbar' ? 'bar' : spec.type, data: { labels: labels, datasets: datasets(spec, rows) }, options: options };
  }

  function renderResult(result) {
    var ref = cards[result.name];
    if (!ref) return;
    renderTable(ref.table, result);
    if (ref.tiles) {
      ref.tiles.textContent = '';
      var row = result.rows[0] || {};
      result.columns.forEach(function (c) { ref.tiles.appendChild(tile(c.key.replace(/_/g, ' '), row[c.key])); });
      return;
    }
    var config = chartConfig(result.chart, result.rows);
    ref.empty.hidden = result.rows.some(function (r) { return result.chart.series.some(function (s) { return Number(r[s]) > 0; }); });
    var chart = charts[result.name];
    if (!chart) { charts[result.name] = new Chart(ref.canvas, config); return; }
    chart.data.labels = config.data.labels;
    chart.data.datasets = config.data.datasets;
    chart.update();
  }

  function readFilter() {
    var form = $('filter');
    return { from: form.elements.from.value, to: form.elements.to.value, level: form.elements.level.value, limit: form.elements.limit.value };
  }

  function writeFilter(filter) {
    var form = $('filter');
    ['from', 'to', 'level', 'limit'].forEach(function (k) { if (filter[k] !== undefined && filter[k] !== null) form.elements[k].value = filter[k]; });
  }

  function queryUrl(q, filter) {
    var search = new URLSearchParams();
    q.params.forEach(function (p) { if (filter[p]) search.set(p, filter[p]); });
    var text = search.toString();
    return '/api/query/' + encodeURIComponent(q.name) + (text ? '?' + text : '');
  }

  function refresh() {
    var filter = readFilter();
    setState('loading');
    $('status').textContent = 'Loading\u2026';
    return Promise.all(queries.map(function (q) { return getJson(queryUrl(q, filter)); })).then(function (results) {
      showError('');
      results.forEach(renderResult);
      var search = new URLSearchParams();
      Object.keys(filter).forEach(function (k) { if (filter[k]) search.set(k, filter[k]); });
      history.replaceState(null, '', search.toString() ? '?' + search.toString() : location.pathname);
      done();
    }, function (error) {
      showError(error.message);
      $('status').textContent = '';
      setState('error');
    });
  }

  function done() {
    revision += 1;
    document.body.setAttribute('data-revision', String(revision));
    $('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    setState('ready');
  }

  function describeFilter(filter) {
    var parts = [];
    parts.push(filter.from || filter.to ? (filter.from || 'start') + ' to ' + (filter.to || 'end') : 'all dates');
    parts.push(filter.level ? 'level ' + filter.level : 'all levels');
    parts.push('top ' + (filter.limit || 10));
    return parts.join(' \u00b7 ');
  }

  function startReport() {
    $('where').textContent = embedded.warehouse + ' \u00b7 report of ' + embedded.generatedAt;
    $('filter').hidden = true;
    $('report-filter').hidden = false;
    $('report-filter-text').textContent = 'Snapshot: ' + describeFilter(embedded.filter || {}) + ' (choose with sparkify report --from --to --level --limit)';
    queries = embedded.queries;
    buildCards(queries);
    renderRun(embedded.lastRun);
    queries.forEach(function (q) { if (embedded.results[q.name]) renderResult(embedded.results[q.name]); });
    done();
  }

  // An etl that commits while the page is open: its run shows, and the charts redraw, without a reload.
  // One poll at a time (the next is scheduled when the last answers), so a long etl queues nothing.
  var pollMs = Number(document.body.getAttribute('data-poll-ms')) || 5000;
  function showRun(run) {
    renderRun(run);
    document.body.setAttribute('data-last-run', run ? run.runId : '');
  }
  function watchRuns() {
    setTimeout(function () {
      getJson('/api/last-run').then(function (answer) {
        var run = answer.lastRun;
        if ((run ? run.runId : '') === document.body.getAttribute('data-last-run')) return;
        showRun(run);
        return refresh();
      }).catch(function () { /* the next poll tries again */ }).then(watchRuns);
    }, pollMs);
  }

  function startLive() {
    var form = $('filter');
    writeFilter(Object.fromEntries(new URLSearchParams(location.search)));
    form.addEventListener('submit', function (event) { event.preventDefault(); refresh(); });
    $('reset').addEventListener('click', function () { writeFilter({ from: '', to: '', level: '', limit: '10' }); refresh(); });
    Promise.all([getJson('/api/queries'), getJson('/api/last-run')]).then(function (answers) {
      $('where').textContent = answers[0].warehouse;
      queries = answers[0].queries;
      buildCards(queries);
      showRun(answers[1].lastRun);
      watchRuns();
      return refresh();
    }).catch(function (error) { showError(error.message); setState('error'); });
  }

  setState('loading');
  if (typeof Chart === 'undefined') { showError('chart.js did not load'); setState('error'); return; }
  if (embedded) startReport(); else startLive();
})();
`;
