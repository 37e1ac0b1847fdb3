import { describe, expect, it } from 'vitest';
import { sampleIndices } from '../../src/random/sampleIndices.js';

describe('sampleIndices', () => {
  it('returns size distinct indices below n, ascending', () => {
    const sample = sampleIndices(1000, 100, 3);
    expect(sample).toHaveLength(100);
    expect(new Set(sample).size).toBe(100);
    expect([...sample].every((i, at) => i >= 0 && i < 1000 && (at === 0 || i > sample[at - 1]))).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(sampleIndices(1000, 50, 7)).toEqual(sampleIndices(1000, 50, 7));
    expect(sampleIndices(1000, 50, 7)).not.toEqual(sampleIndices(1000, 50, 8));
  });

  it('covers the whole range evenly over many draws', () => {
    const hits = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of sampleIndices(10, 3, seed)) hits[i]++;
    for (const h of hits) expect(h).toBeGreaterThan(520); // expected 600 each
  });

  it('rejects a sample larger than the population', () => {
    expect(() => sampleIndices(3, 4, 0)).toThrow(/cannot take 4 of 3/);
  });
});
