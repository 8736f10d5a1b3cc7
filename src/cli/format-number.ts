export const formatCount = (n: number): string => n.toLocaleString('en-US');

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
