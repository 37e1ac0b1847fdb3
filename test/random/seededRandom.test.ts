import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, gaussian } from '../../src/random/seededRandom.js';

describe('createRandom', () => {
  it('replays the same stream for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 50 }, () => a());
    const ys = Array.from({ length: 50 }, () => b());
    expect(xs).toEqual(ys);
  });

  it('gives unrelated streams for neighbouring seeds', () => {
    const a = createRandom(1);
    const b = createRandom(2);
    const xs = Array.from({ length: 20 }, () => a());
    const ys = Array.from({ length: 20 }, () => b());
    expect(xs.filter((x, i) => x === ys[i])).toHaveLength(0);
  });

  it('stays in [0, 1) and is roughly uniform (mean ≈ 1/2, variance ≈ 1/12, flat deciles)', () => {
    const random = createRandom(7);
    const n = 20000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let sumSq = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = random();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(0.06 * (n / 10));
  });

  it('accepts fractional, negative and large seeds deterministically', () => {
    for (const seed of [0.5, -3, 2 ** 40 + 1]) {
      expect(createRandom(seed)()).toBe(createRandom(seed)());
    }
    expect(createRandom(0.5)()).not.toBe(createRandom(0.25)());
  });

  it('rejects non-finite seeds', () => {
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('gaussian', () => {
  it('draws standard normal values (mean ≈ 0, variance ≈ 1, ~68% within one sigma)', () => {
    const random = createRandom(3);
    const n = 20000;
    let sum = 0;
    let sumSq = 0;
    let within = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const z = gaussian(random);
      finite &&= Number.isFinite(z);
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) < 1) within++;
    }
    expect(finite).toBe(true);
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(sumSq / n).toBeGreaterThan(0.96);
    expect(sumSq / n).toBeLessThan(1.04);
    expect(within / n).toBeCloseTo(0.6827, 1);
  });

  it('is deterministic given the generator', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    expect([gaussian(a), gaussian(a)]).toEqual([gaussian(b), gaussian(b)]);
  });
});

describe('deriveSeed', () => {
  it('derives distinct, reproducible child seeds per stream', () => {
    const seeds = Array.from({ length: 100 }, (_, r) => deriveSeed(5, r));
    expect(new Set(seeds).size).toBe(100);
    expect(deriveSeed(5, 3)).toBe(seeds[3]);
    expect(deriveSeed(6, 3)).not.toBe(seeds[3]);
  });
});
