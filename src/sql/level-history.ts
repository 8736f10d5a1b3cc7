import type { TableNames } from './table-names.js';
import type { KeyAbsent, SqlStep } from './transform.js';

/**
 * Transform steps for the level history. New events' levels are added to user_level_events;
 * then each touched user's spans from their earliest staged event on are rebuilt from their
 * events in time order, and the span before them gets its new end. Rebuilding (not patching)
 * is what makes a late day give the same spans as a full load: a late event inside a span can
 * split it, and the span after it starts at the next known event, which only the full list
 * has. Starting at the earliest staged event (not at each user's first event) keeps a daily
 * run from sorting every event of every user who came back that day.
 */
export function levelHistorySteps(t: TableNames, plan: { keyAbsent: (table: string) => KeyAbsent; eventPick: string; firstLoad?: boolean }): SqlStep[] {
  const staged = `FROM ${t('staging_events')} WHERE user_id <> '' AND level IS NOT NULL`;
  // Each touched user whose spans can change, with their earliest staged event: spans from there
  // on are rebuilt. One row per user: a user has at most one current span.
  const since = `SELECT s.user_id, s.first_ts
FROM (SELECT user_id, MIN(ts) AS first_ts, MIN(level) AS low, MAX(level) AS high ${staged} GROUP BY user_id) s
LEFT JOIN ${t('user_levels')} c ON c.user_id = s.user_id AND c.is_current
WHERE ${spansMayChange}`;
  return [
    {
      name: 'user-level-events',
      sql: `INSERT INTO ${t('user_level_events')} (user_id, level, ts, session_id, item_in_session, page)
SELECT e.user_id, e.level, e.ts, e.session_id, e.item_in_session, e.page
FROM (
  SELECT user_id, level, ts, session_id, item_in_session, page,
         ${plan.eventPick} AS pick
  FROM ${t('staging_events')}
  WHERE user_id <> '' AND level IS NOT NULL AND ts IS NOT NULL AND session_id IS NOT NULL AND item_in_session IS NOT NULL
) e${plan.keyAbsent('user_level_events').join}
WHERE e.pick = 1${plan.keyAbsent('user_level_events').where}`,
    },
    {
      name: 'user-levels-forget-touched',
      sql: plan.firstLoad
        ? ''
        : `DELETE FROM ${t('user_levels')}
WHERE EXISTS (SELECT 1 FROM (${since}) s WHERE s.user_id = user_levels.user_id AND user_levels.valid_from >= s.first_ts)`,
    },
    {
      // A span starts at each event whose level differs from the event before it (ties in ts
      // ordered as users.level orders them); it ends where the next span starts.
      name: 'user-levels',
      sql: `INSERT INTO ${t('user_levels')} (user_id, level, valid_from, valid_to, is_current)
SELECT user_id, level, valid_from, valid_to, CASE WHEN valid_to IS NULL THEN TRUE ELSE FALSE END
FROM (
  SELECT user_id, level, ts AS valid_from,
         LEAD(ts) OVER (PARTITION BY user_id ORDER BY ts, session_id, item_in_session) AS valid_to
  FROM (${plan.firstLoad ? allEventsInOrder(t) : eventsSinceInOrder(t, since, staged)}
  ) ordered
  WHERE previous IS NULL OR previous <> level
) spans${plan.firstLoad ? oneLevelUsers(t) : ''}`,
    },
    {
      // The span a rebuild starts after now ends where the first rebuilt span starts, or is current again.
      name: 'user-levels-close-kept',
      sql: plan.firstLoad
        ? ''
        : `UPDATE ${t('user_levels')} SET valid_to = nxt.next_from, is_current = CASE WHEN nxt.next_from IS NULL THEN TRUE ELSE FALSE END
FROM (
  SELECT user_id, valid_from, LEAD(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from) AS next_from
  FROM ${t('user_levels')}
  WHERE user_id IN (SELECT user_id ${staged})
) nxt
WHERE user_levels.user_id = nxt.user_id AND user_levels.valid_from = nxt.valid_from
  AND ((user_levels.valid_to IS NULL AND nxt.next_from IS NOT NULL) OR (user_levels.valid_to IS NOT NULL AND nxt.next_from IS NULL) OR user_levels.valid_to <> nxt.next_from)`,
    },
  ];
}

/**
 * A touched user's spans stay as they are when every staged event has the level of their
 * current span and comes after its start: each then follows an event of that level, so none
 * starts a span, and the span stays open (on a daily run, 95 % of the users who came back).
 * Ties in ts are rebuilt: they could reorder the span's first events. New users (no current
 * span) are always rebuilt. After the forget step deleted a rebuilt user's current span, the
 * test still picks them (no current span left), so every step sees the same users.
 */
const spansMayChange = 'c.user_id IS NULL OR c.level <> s.low OR c.level <> s.high OR s.first_ts <= c.valid_from';

/**
 * A first load: every user is new. Only the events of users with more than one level are put
 * in order (a third to a half of them on real-shaped and generated data); the others have one
 * span, from their first event on (oneLevelUsers).
 */
function allEventsInOrder(t: TableNames): string {
  return `
    SELECT user_id, level, ts, session_id, item_in_session,
           LAG(level) OVER (PARTITION BY user_id ORDER BY ts, session_id, item_in_session) AS previous
    FROM ${t('user_level_events')}
    WHERE user_id IN (SELECT user_id FROM ${t('user_level_events')} GROUP BY user_id HAVING MIN(level) <> MAX(level))`;
}

/** The one current span of each user who had a single level: what the window gives them, by an aggregate. */
function oneLevelUsers(t: TableNames): string {
  return `
UNION ALL
SELECT user_id, MIN(level), MIN(ts), NULL, TRUE
FROM ${t('user_level_events')}
GROUP BY user_id
HAVING MIN(level) = MAX(level)`;
}

/**
 * The touched users' events from their earliest staged one on, each with the level of the one
 * before it; the first one's is the level of the user's latest kept span (the forget step
 * left only spans that start earlier, and every event in a span has its level).
 */
function eventsSinceInOrder(t: TableNames, since: string, staged: string): string {
  return `
    SELECT e.user_id, e.level, e.ts, e.session_id, e.item_in_session,
           COALESCE(LAG(e.level) OVER (PARTITION BY e.user_id ORDER BY e.ts, e.session_id, e.item_in_session), r.kept_level) AS previous
    FROM ${t('user_level_events')} e
    JOIN (
      SELECT s.user_id, s.first_ts, k.level AS kept_level
      FROM (${since}) s
      LEFT JOIN (
        SELECT user_id, level, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from DESC) AS latest
        FROM ${t('user_levels')}
      ) k ON k.user_id = s.user_id AND k.latest = 1
    ) r ON r.user_id = e.user_id AND e.ts >= r.first_ts
    WHERE e.ts >= (SELECT MIN(ts) ${staged})`;
}
