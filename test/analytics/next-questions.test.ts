import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryParams } from '../../src/analytics/params.js';
import { findQuery } from '../../src/analytics/queries.js';
import { runAnalysis } from '../../src/analytics/run-analysis.js';
import type { Row } from '../../src/engines/warehouse.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

interface Event {
  page: string;
  userId: string;
  level: string;
  ts: number;
  sessionId: number;
}

/** Every event line of a source's log_data, read directly: the analyses are checked against these, not against the warehouse. */
function eventsOf(root: string): Event[] {
  return readdirSync(join(root, 'log_data'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .flatMap((e) =>
      readFileSync(join(e.parentPath, e.name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Event),
    );
}

const distinct = (events: Event[]) => new Set(events.map((e) => e.userId)).size;
const round = (n: number) => Math.round(n * 100) / 100;

/** The four analyses as plain JS over the raw events. */
function expected(events: Event[]): Record<string, Row[]> {
  const known = events.filter((e) => e.userId !== '');
  const free = known.filter((e) => e.level !== 'paid');
  const visits = known.filter((e) => e.page === 'Upgrade');
  const submits = known.filter((e) => e.page === 'Submit Upgrade');
  const share = (n: number) => round((100 * n) / distinct(free));
  const funnel = [
    { step: 'free listeners', users: distinct(free), events: free.length, share_pct: 100 },
    { step: 'visited Upgrade', users: distinct(visits), events: visits.length, share_pct: share(distinct(visits)) },
    { step: 'submitted Upgrade', users: distinct(submits), events: submits.length, share_pct: share(distinct(submits)) },
  ];

  const plays = known.filter((e) => e.page === 'NextSong');
  const week = (ts: number) => Math.floor((ts / 86_400_000 + 3) / 7);
  const weeks = new Map<number, Set<string>>();
  for (const p of plays) weeks.set(week(p.ts), (weeks.get(week(p.ts)) ?? new Set()).add(p.userId));
  const last = Math.max(...weeks.keys());
  const churn = [...weeks.keys()]
    .filter((w) => w < last)
    .sort((a, b) => a - b)
    .map((w) => {
      const active = weeks.get(w)!;
      const churned = [...active].filter((u) => !weeks.get(w + 1)?.has(u)).length;
      return {
        week: new Date((w * 7 - 3) * 86_400_000).toISOString().slice(0, 10),
        active: active.size,
        retained: active.size - churned,
        churned,
        churn_pct: round((100 * churned) / active.size),
      };
    });

  const perUser = new Map<string, { weekday: number; weekend: number }>();
  for (const p of plays) {
    const u = perUser.get(p.userId) ?? { weekday: 0, weekend: 0 };
    const day = new Date(p.ts).getUTCDay();
    if (day === 0 || day === 6) u.weekend += 1;
    else u.weekday += 1;
    perUser.set(p.userId, u);
  }
  const cohort = (test: (u: { weekday: number; weekend: number }) => boolean, name: string) => {
    const members = [...perUser.values()].filter(test);
    const total = members.reduce((s, u) => s + u.weekday + u.weekend, 0);
    const weekend = members.reduce((s, u) => s + u.weekend, 0);
    return {
      cohort: name,
      users: members.length,
      plays: total,
      plays_per_user: members.length ? round(total / members.length) : 0,
      weekend_pct: total ? round((100 * weekend) / total) : 0,
    };
  };
  const cohorts = [cohort((u) => u.weekend === 0, 'weekdays only'), cohort((u) => u.weekday === 0, 'weekends only'), cohort((u) => u.weekday > 0 && u.weekend > 0, 'both')];

  const sessions = new Map<string, number[]>();
  for (const p of plays) sessions.set(`${p.sessionId}/${p.userId}`, [...(sessions.get(`${p.sessionId}/${p.userId}`) ?? []), p.ts]);
  const minutes = [...sessions.values()].map((ts) => (Math.max(...ts) - Math.min(...ts)) / 60_000);
  const width = Math.max(Math.ceil(Math.max(...minutes) / 10), 1);
  const bins = Array.from({ length: 10 }, (_, i) => ({ minutes: `${i * width}-${(i + 1) * width}`, sessions: 0 }));
  for (const m of minutes) bins[Math.min(Math.floor(m / width), 9)]!.sessions += 1;

  return { 'conversion-funnel': funnel, churn, 'weekday-weekend': cohorts, 'session-minutes': bins };
}

let generated: string;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparkify-next-'));
  generated = join(dir, 'generated');
  await generateSample({ outDir: generated, events: 8000, songs: 100, seed: 21, days: 21, startDate: '2018-11-01' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const names = ['conversion-funnel', 'churn', 'weekday-weekend', 'session-minutes'];

describe.each(engines)('funnel, churn, weekday/weekend cohorts and session-length bins on %s', (engine) => {
  const check = async (source: string) => {
    const settings = await engineSettings(engine);
    await runPipeline({ ...settings, source });
    const want = expected(eventsOf(source));
    await withWarehouse(configFromSettings(settings), async (w) => {
      for (const name of names) {
        const query = findQuery(name);
        const result = await runAnalysis(w, query, parseQueryParams(query, {}));
        expect(result.rows, name).toEqual(want[name]);
      }
    });
    return want;
  };

  it.skipIf(!sampleAvailable())('the real sample: the same numbers as the raw event files give', async () => {
    const want = await check(udacitySample);
    expect(want['conversion-funnel']!.map((r) => r.users)).toEqual([83, 15, 8]);
    expect(want.churn).toHaveLength(4);
  });

  it('generated data: the same numbers as the raw event files give', async () => {
    const want = await check(generated);
    expect(want.churn!.length).toBeGreaterThan(1);
    expect(want['conversion-funnel']![2]!.users).toBeGreaterThan(0);
  });
});
