/** Logical column types; each dialect renders them. */
export type ColumnType = 'text' | 'longtext' | 'integer' | 'bigint' | 'double' | 'timestamp' | 'boolean' | 'identity';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  notNull?: boolean;
}

/** Redshift physical design; ignored by the other engines. */
export interface Distribution {
  style: 'ALL' | 'KEY' | 'EVEN' | 'AUTO';
  distKey?: string;
  sortKey?: string[];
}

export interface TableDef {
  name: string;
  role: 'staging' | 'star' | 'meta';
  columns: ColumnDef[];
  primaryKey?: string[];
  unique?: string[];
  distribution?: Distribution;
}
