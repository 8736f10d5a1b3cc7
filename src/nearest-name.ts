/** Edit distance (insert, delete, replace, swap of two neighbours) between two short names. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known name closest to `given` (case-insensitive), when it is close enough to be a slip; else undefined. */
export function nearestName(given: string, known: readonly string[]): string | undefined {
  const wanted = given.toLowerCase();
  const extended = wanted.length >= 3 ? known.filter((name) => name.toLowerCase().startsWith(wanted)) : [];
  if (extended.length === 1) return extended[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  // A third of the name may be wrong (at least one letter, at most three): `sorce`, `analyse`, `DATABAS`.
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  return best && best.distance <= allowed ? best.name : undefined;
}

/** " — did you mean X?" or nothing. */
export function didYouMean(given: string, known: readonly string[], show: (name: string) => string = (n) => n): string {
  const near = nearestName(given, known);
  return near === undefined ? '' : ` — did you mean ${show(near)}?`;
}
