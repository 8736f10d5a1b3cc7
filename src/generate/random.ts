/** Mixes 32-bit words into one well-spread 32-bit hash (murmur3 finaliser over a running state). */
export function hash32(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    h = Math.imul(h ^ (word >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Folds any safe integer seed (negative, or above 2^32) into 32 bits, keeping distinct seeds distinct in practice. */
export function seed32(seed: number): number {
  const hi = Math.floor(seed / 0x1_0000_0000);
  return hash32(seed >>> 0, hi >>> 0);
}

/** sfc32: small, fast, deterministic PRNG; the same seed words give the same stream on every platform. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seedWords: number[]) {
    this.a = hash32(1, ...seedWords);
    this.b = hash32(2, ...seedWords);
    this.c = hash32(3, ...seedWords);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Index drawn from cumulative weights (see `cumulative`). */
  weighted(cumulativeWeights: Float64Array): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] as number;
    const x = this.next() * total;
    let i = 0;
    while (i < cumulativeWeights.length - 1 && (cumulativeWeights[i] as number) <= x) i++;
    return i;
  }

  /** Standard normal variate (sum of four uniforms, rescaled: cheap and bounded, shape close enough). */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
  }

  /** Exponential variate with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Index in [0, n) skewed towards 0: a few items are popular, most are rare. */
  skewed(n: number, power: number): number {
    return Math.floor(n * this.next() ** power);
  }
}

/** Running sums of weights for `Random.weighted`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    sums[i] = total;
  });
  return sums;
}
