import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { kmeansPlusPlus } from '../../src/cluster/kmeansPlusPlus.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';
import { createRowDots } from '../../src/linalg/rowDots.js';
import { distanceKernels } from '../../src/linalg/distanceKernels.js';

/** `perBlob` points around each centre, spread `spread`. */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  const d = centres[0].length;
  const data: number[] = [];
  for (const c of centres) for (let i = 0; i < perBlob; i++) for (let t = 0; t < d; t++) data.push(c[t] + spread * gaussian(random));
  return { rows: centres.length * perBlob, cols: d, data: Float64Array.from(data) };
}

function rowsOf(M: DenseMatrix): number[][] {
  return Array.from({ length: M.rows }, (_, r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
}

/** A scripted "random" source returning the given values in turn. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error('script exhausted');
    return values[i++];
  };
}

describe('kmeansPlusPlus', () => {
  const blobCentres = [
    [0, 0],
    [10, 0],
    [0, 10],
    [10, 10],
  ];
  const X = blobs(blobCentres, 25, 0.5, 1);

  it('returns k distinct rows of X', () => {
    const C = kmeansPlusPlus(X, 4, createRandom(2));
    expect(C.rows).toBe(4);
    expect(C.cols).toBe(2);
    const data = rowsOf(X).map((r) => r.join(','));
    const chosen = rowsOf(C).map((r) => r.join(','));
    for (const c of chosen) expect(data).toContain(c);
    expect(new Set(chosen).size).toBe(4);
  });

  it('puts one seed in each well-separated blob, whatever the seed', () => {
    for (let seed = 0; seed < 10; seed++) {
      const C = rowsOf(kmeansPlusPlus(X, 4, createRandom(seed)));
      const blobIds = C.map(([x, y]) => (x > 5 ? 1 : 0) + (y > 5 ? 2 : 0));
      expect(new Set(blobIds).size).toBe(4);
    }
  });

  it('picks the same centres with the WebAssembly distance kernel (bit-identical distances)', () => {
    const random = createRandom(8);
    // An odd number of rows and a dimension that is not a multiple of 2.
    const Y: DenseMatrix = { rows: 601, cols: 13, data: Float64Array.from({ length: 601 * 13 }, () => gaussian(random)) };
    // Room for exactly the candidates k-means++ tries (2 + ln k), no more.
    const dots = createRowDots(distanceKernels()!, Y, 11, 2 + Math.floor(Math.log(11)));
    expect(() => dots.seeding.trial(5)).toThrow(/room for 4 k-means\+\+ candidates, asked for 5/);
    for (const seed of [1, 2, 3]) {
      expect(kmeansPlusPlus(Y, 11, createRandom(seed), undefined, dots)).toEqual(kmeansPlusPlus(Y, 11, createRandom(seed)));
    }
  });

  it('is deterministic given the random source', () => {
    expect(kmeansPlusPlus(X, 4, createRandom(5))).toEqual(kmeansPlusPlus(X, 4, createRandom(5)));
  });

  it('draws 2 + ⌊ln k⌋ candidates per centre after a uniform first pick', () => {
    for (const k of [2, 3, 8]) {
      let calls = 0;
      const random = createRandom(3);
      kmeansPlusPlus(X, k, () => (calls++, random()));
      expect(calls).toBe(1 + (k - 1) * (2 + Math.floor(Math.log(k))));
    }
  });

  it('samples ∝ D² and keeps the candidate that lowers the potential most, not the first drawn', () => {
    // 1-D points 0, 0.1, 5, 100. First pick u=0 → point 0; D² = [0, 0.01, 25, 10000].
    // u=0.001 draws point 5 (target 10.03 < cumulative 25.01), u=0.5 draws point 100.
    // Potentials: with 5 → 9025.01, with 100 → 25.01: the second candidate wins.
    const line: DenseMatrix = { rows: 4, cols: 1, data: Float64Array.from([0, 0.1, 5, 100]) };
    const C = kmeansPlusPlus(line, 2, scripted([0, 0.001, 0.5]), 2);
    expect(Array.from(C.data)).toEqual([0, 100]);
    // Points at D² = 0 are never drawn: u = 0 lands on 0.1, the first point with positive weight.
    const D = kmeansPlusPlus(line, 2, scripted([0, 0]), 1);
    expect(Array.from(D.data)).toEqual([0, 0.1]);
  });

  it('copes with fewer distinct points than k (zero potential → uniform draws)', () => {
    const same: DenseMatrix = { rows: 5, cols: 2, data: new Float64Array(10).fill(3) };
    const C = kmeansPlusPlus(same, 3, createRandom(1));
    expect(Array.from(C.data)).toEqual(new Array(6).fill(3));
  });

  it('rejects k outside [1, n]', () => {
    expect(() => kmeansPlusPlus(X, 0, createRandom(1))).toThrow(RangeError);
    expect(() => kmeansPlusPlus(X, 101, createRandom(1))).toThrow(RangeError);
  });
});
