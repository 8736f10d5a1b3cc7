import type { TableDef } from './table-def.js';

/**
 * Every logged-in event's level (and page), kept across runs: the level history is recomputed
 * from it for the users a run touches, so a day that arrives late still splits or joins spans
 * correctly; the conversion funnel reads its pages.
 */
export const userLevelEvents: TableDef = {
  name: 'user_level_events',
  role: 'star',
  columns: [
    { name: 'user_id', type: 'text', notNull: true },
    { name: 'level', type: 'text', notNull: true },
    { name: 'ts', type: 'timestamp', notNull: true },
    { name: 'session_id', type: 'integer', notNull: true },
    { name: 'item_in_session', type: 'integer', notNull: true },
    { name: 'page', type: 'text' },
  ],
  unique: ['session_id', 'item_in_session'],
  distribution: { style: 'KEY', distKey: 'user_id', sortKey: ['user_id', 'ts'] },
};

/** Level history (type 2): one row per span of a level; `valid_to` is NULL on the current span. */
export const userLevels: TableDef = {
  name: 'user_levels',
  role: 'star',
  columns: [
    { name: 'user_id', type: 'text', notNull: true },
    { name: 'level', type: 'text', notNull: true },
    { name: 'valid_from', type: 'timestamp', notNull: true },
    { name: 'valid_to', type: 'timestamp' },
    { name: 'is_current', type: 'boolean', notNull: true },
  ],
  unique: ['user_id', 'valid_from'],
  distribution: { style: 'ALL', sortKey: ['user_id', 'valid_from'] },
};
