/**
 * Approximate on-demand list prices in USD (us-east-1 / us-west-2, 2024–2025). Other regions
 * cost more; check https://aws.amazon.com/redshift/pricing/ before relying on them.
 */
export const nodeHourPrices: Record<string, number> = {
  'dc2.large': 0.25,
  'dc2.8xlarge': 4.8,
  'ra3.large': 0.543,
  'ra3.xlplus': 1.086,
  'ra3.4xlarge': 3.26,
  'ra3.16xlarge': 13.04,
};
export const rpuHourPrice = 0.36;

const dollars = (n: number) => `$${n < 10 ? n.toFixed(2) : n.toFixed(0)}`;
const where = (region: string) => (region === 'us-east-1' || region === 'us-west-2' ? region : `us-east-1/us-west-2; ${region} may differ`);

/** One line: what the running warehouse costs, as an approximate list price. */
export function clusterCostHint(nodeType: string, nodes: number, region: string): string {
  const price = nodeHourPrices[nodeType];
  if (price === undefined) return `cost: ${nodes} × ${nodeType} is billed per node-hour while the cluster exists — see https://aws.amazon.com/redshift/pricing/`;
  const hour = price * nodes;
  return `cost: ≈ ${dollars(hour)}/hour (≈ ${dollars(hour * 24)}/day) while the cluster exists — ${nodes} × ${nodeType} at ≈ ${dollars(price)}/node-hour, approximate on-demand list price (${where(region)}). \`sparkify infra down\` stops it.`;
}

export function serverlessCostHint(baseCapacity: number, region: string): string {
  const hour = rpuHourPrice * baseCapacity;
  return `cost: ≈ ${dollars(rpuHourPrice)} per RPU-hour × ${baseCapacity} RPU ≈ ${dollars(hour)}/hour, billed per second only while queries run (60 s minimum each time), plus storage — approximate list price (${where(region)}).`;
}

/** How long a cluster has existed and, at the list price, what that has cost (the age alone for a node type without a price). */
export function clusterCostSoFar(nodeType: string, nodes: number, created: Date, now: Date): string {
  const price = nodeHourPrices[nodeType];
  const ms = Math.max(0, now.getTime() - created.getTime());
  const minutes = Math.floor(ms / 60_000);
  const age = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  if (price === undefined) return `running ${age} (since ${created.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
  // A provisioned cluster bills per second while it exists (a paused one stops compute billing, not counted here).
  return `running ${age} (since ${created.toISOString().slice(0, 16).replace('T', ' ')} UTC): ≈ ${dollars((price * nodes * ms) / 3_600_000)} so far at the list price`;
}
