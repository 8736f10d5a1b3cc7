/**
 * Keyed bijection on [0, 2^bits): distinct inputs give distinct outputs, so ids built from
 * it never collide while still looking random. Every step (odd multiply, xor-shift, add) is
 * invertible modulo 2^bits.
 */
export function permuteBits(x: number, bits: number, key: number): number {
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const shift = Math.max(1, bits >>> 1);
  let v = (x ^ key) & mask;
  for (let round = 0; round < 3; round++) {
    v = Math.imul(v, 0x2c1b3c6d | 1) & mask;
    v ^= v >>> shift;
    v = (v + (key >>> round) + round) & mask;
  }
  return v >>> 0;
}

/** Keyed bijection on [0, n) by cycle walking over the smallest power of two that holds n. */
export function permuteRange(x: number, n: number, key: number): number {
  let bits = 1;
  while (2 ** bits < n) bits++;
  let v = permuteBits(x, bits, key);
  while (v >= n) v = permuteBits(v, bits, key);
  return v;
}
