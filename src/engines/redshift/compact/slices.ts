import type { Row } from '../../warehouse.js';

/**
 * Default slices per node (Redshift Cluster Management Guide, node type tables; DS2 from the
 * Developer Guide's architecture page). Clusters may be resized with other slice mappings,
 * which is why the live count from stv_slices comes first.
 */
export const slicesPerNode: Readonly<Record<string, number>> = {
  'dc2.large': 2,
  'dc2.8xlarge': 16,
  'ra3.large': 2,
  'ra3.xlplus': 2,
  'ra3.4xlarge': 4,
  'ra3.16xlarge': 16,
  'ds2.xlarge': 2,
  'ds2.8xlarge': 16,
};

/** Slices of the cluster dwh.cfg [DWH] describes; an unknown node type counts as the smallest (2 a node). */
export function configuredSlices(dwh: { nodeType: string; numNodes: number; clusterType: string }): number {
  const nodes = dwh.clusterType.trim().toLowerCase() === 'single-node' ? 1 : Math.max(1, dwh.numNodes);
  return nodes * (slicesPerNode[dwh.nodeType.trim().toLowerCase()] ?? 2);
}

export const slicesSql = 'SELECT COUNT(*) AS n FROM stv_slices';

/** Slices of the connected cluster, or undefined when it cannot tell (no rows, or no stv_slices, as on serverless). */
export async function warehouseSlices(sql: { query(sql: string): Promise<Row[]> }): Promise<number | undefined> {
  const rows = await sql.query(slicesSql).catch(() => []);
  const n = Number(rows[0]?.n);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
