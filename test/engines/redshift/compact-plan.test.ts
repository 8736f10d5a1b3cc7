import { describe, expect, it } from 'vitest';
import { groupFiles, gzipRatio, maxPartBytes, minPartBytes, planParts, worthCompacting } from '../../../src/engines/redshift/compact/compact-plan.js';
import { configuredSlices, warehouseSlices } from '../../../src/engines/redshift/compact/slices.js';

const MB = 2 ** 20;
const GB = 2 ** 30;

describe('planning compacted parts', () => {
  it('writes one part per slice for the 385k song files of udacity-dend (~100 MB of JSON)', () => {
    const plan = planParts({ inputBytes: 385_000 * 260, files: 385_000, slices: 8 });
    expect(plan.parts).toBe(8);
    expect(plan.estimatedPartBytes).toBeGreaterThan(minPartBytes);
    expect(plan.belowMinimum).toBe(false);
  });

  it('always plans a multiple of the slice count, each part under 1 GB after compression', () => {
    for (const slices of [1, 2, 4, 8, 16, 32, 128]) {
      for (const inputBytes of [0, 1, MB, 300 * MB, 10 * GB, 100 * GB, 2 ** 42]) {
        const plan = planParts({ inputBytes, files: 10_000_000, slices });
        expect(plan.parts % slices).toBe(0);
        expect(plan.parts).toBeGreaterThanOrEqual(slices);
        expect(plan.estimatedPartBytes).toBeLessThanOrEqual(maxPartBytes / 4);
        // Not more parts than needed: one slice-round fewer would break the ceiling.
        if (plan.parts > slices) expect((inputBytes * gzipRatio) / (plan.parts - slices)).toBeGreaterThan(maxPartBytes / 4);
      }
    }
  });

  it('lets the slice multiple win over the 1 MB floor when the whole load is small, and says so', () => {
    const plan = planParts({ inputBytes: 2 * MB, files: 5000, slices: 16 });
    expect(plan).toMatchObject({ parts: 16, belowMinimum: true });
  });

  it('never plans more parts than files (a file is not split), staying a multiple when it can', () => {
    expect(planParts({ inputBytes: 100 * GB, files: 50, slices: 16 }).parts).toBe(48);
    expect(planParts({ inputBytes: 100 * GB, files: 10, slices: 16 }).parts).toBe(10);
  });

  it('compacts only many small files: more than two a slice, averaging under 1 MB', () => {
    const small = Array.from({ length: 17 }, () => ({ size: 300 }));
    expect(worthCompacting(small, 8)).toBe(true);
    expect(worthCompacting(small.slice(0, 16), 8)).toBe(false);
    expect(
      worthCompacting(
        Array.from({ length: 100 }, () => ({ size: 50 * MB })),
        8,
      ),
    ).toBe(false);
  });
});

describe('grouping files into parts', () => {
  it('keeps neighbours together, every file exactly once, no part empty, sizes balanced', () => {
    const files = Array.from({ length: 1000 }, (_, i) => ({ name: i, size: 200 + ((i * 7919) % 500) }));
    const groups = groupFiles(files, 8);
    expect(groups).toHaveLength(8);
    expect(groups.flat()).toEqual(files);
    const sizes = groups.map((g) => g.reduce((s, f) => s + f.size, 0));
    const mean = sizes.reduce((a, b) => a + b) / sizes.length;
    for (const size of sizes) expect(Math.abs(size - mean) / mean).toBeLessThan(0.01);
  });

  it('leaves no part empty when one huge file holds most of the bytes', () => {
    const files = [{ size: 10 }, { size: 10_000_000 }, { size: 10 }, { size: 10 }, { size: 10 }];
    const groups = groupFiles(files, 4);
    expect(groups).toHaveLength(4);
    expect(groups.every((g) => g.length > 0)).toBe(true);
    expect(groups.flat()).toEqual(files);
  });
});

describe('slices of the cluster', () => {
  it('asks the warehouse first, and falls back to dwh.cfg [DWH] node type × nodes', async () => {
    expect(await warehouseSlices({ query: async () => [{ n: 6 }] })).toBe(6);
    expect(await warehouseSlices({ query: async () => [{ n: 0 }] })).toBeUndefined();
    expect(await warehouseSlices({ query: async () => Promise.reject(new Error('relation "stv_slices" does not exist')) })).toBeUndefined();
    expect(configuredSlices({ nodeType: 'dc2.large', numNodes: 4, clusterType: 'multi-node' })).toBe(8);
    expect(configuredSlices({ nodeType: 'ra3.4xlarge', numNodes: 2, clusterType: 'multi-node' })).toBe(8);
    expect(configuredSlices({ nodeType: 'RA3.16XLARGE', numNodes: 2, clusterType: 'multi-node' })).toBe(32);
    expect(configuredSlices({ nodeType: 'ra3.xlplus', numNodes: 4, clusterType: 'single-node' })).toBe(2);
    expect(configuredSlices({ nodeType: 'rg.future', numNodes: 3, clusterType: 'multi-node' })).toBe(6);
  });
});
