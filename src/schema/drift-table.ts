import type { TableDef } from './table-def.js';

/** Schema drift: keys in the data that no column takes, per run — counted, with where they first show; never rejected. */
export const schemaDrift: TableDef = {
  name: 'schema_drift',
  role: 'meta',
  columns: [
    { name: 'run_id', type: 'text', notNull: true },
    { name: 'kind', type: 'text', notNull: true },
    { name: 'field', type: 'longtext', notNull: true },
    { name: 'records', type: 'bigint', notNull: true },
    { name: 'first_file', type: 'longtext', notNull: true },
    { name: 'first_line', type: 'bigint' },
  ],
  distribution: { style: 'ALL' },
};
