import type { TableNames } from './table-names.js';
import type { SqlStep } from './transform.js';

/**
 * Transform steps for the level history. New events' levels are added to user_level_events;
 * then every span of each user the run touched is rebuilt from all of that user's events in
 * time order. Rebuilding (not patching) is what makes a late day give the same spans as a
 * full load: a late event inside a span can split it, and the span after it starts at the
 * next known event, which only the full list has.
 */
export function levelHistorySteps(
  t: TableNames,
  plan: { absentFrom: (condition: string) => string; eventPick: string; firstLoad?: boolean } = {
    absentFrom: (condition) => `\n  AND NOT EXISTS (${condition})`,
    eventPick: 'ROW_NUMBER() OVER (PARTITION BY session_id, item_in_session ORDER BY ts, source_file)',
  },
): SqlStep[] {
  const touched = `SELECT user_id FROM ${t('staging_events')} WHERE user_id <> '' AND level IS NOT NULL`;
  return [
    {
      name: 'user-level-events',
      sql: `INSERT INTO ${t('user_level_events')} (user_id, level, ts, session_id, item_in_session, page)
SELECT user_id, level, ts, session_id, item_in_session, page
FROM (
  SELECT user_id, level, ts, session_id, item_in_session, page,
         ${plan.eventPick} AS pick
  FROM ${t('staging_events')}
  WHERE user_id <> '' AND level IS NOT NULL AND ts IS NOT NULL AND session_id IS NOT NULL AND item_in_session IS NOT NULL
) e
WHERE pick = 1${plan.absentFrom(`SELECT 1 FROM ${t('user_level_events')} o WHERE o.session_id = e.session_id AND o.item_in_session = e.item_in_session`)}`,
    },
    {
      name: 'user-levels-forget-touched',
      sql: plan.firstLoad ? '' : `DELETE FROM ${t('user_levels')} WHERE user_id IN (${touched})`,
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
  FROM (
    SELECT user_id, level, ts, session_id, item_in_session,
           LAG(level) OVER (PARTITION BY user_id ORDER BY ts, session_id, item_in_session) AS previous
    FROM ${t('user_level_events')}${plan.firstLoad ? '' : `\n    WHERE user_id IN (${touched})`}
  ) ordered
  WHERE previous IS NULL OR previous <> level
) spans`,
    },
  ];
}
