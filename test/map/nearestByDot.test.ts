import { describe, expect, it } from 'vitest';
import { nearestByDot, nearestFinder } from '../../src/map/nearestByDot.js';
import type { DenseMatrix } from '../../src/types.js';
import { plantedClusters } from './plantedClusters.js';

/** The neighbours by sorting every dot product: the definition, independently of the scan. */
function bySorting(reference: DenseMatrix, queries: DenseMatrix, count: number, selfExcluded: boolean) {
  const d = reference.cols;
  const indices: number[] = [];
  const dots: number[] = [];
  for (let q = 0; q < queries.rows; q++) {
    const all: Array<[number, number]> = [];
    for (let r = 0; r < reference.rows; r++) {
      if (selfExcluded && r === q) continue;
      let dot = 0;
      for (let t = 0; t < d; t++) dot += reference.data[r * d + t] * queries.data[q * d + t];
      all.push([r, dot]);
    }
    all.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [r, dot] of all.slice(0, count)) {
      indices.push(r);
      dots.push(dot);
    }
  }
  return { indices, dots };
}

describe('nearestByDot', () => {
  it('finds the rows with the largest dot products, best first, as sorting every dot does (small: JavaScript loop)', () => {
    const { X } = plantedClusters(3, 10, 8, 0.5, 1);
    const found = nearestByDot(X, X, 5);
    const expected = bySorting(X, X, 5, false);
    expect(Array.from(found.indices)).toEqual(expected.indices);
    expect(Array.from(found.dots)).toEqual(expected.dots);
    // Without exclusion a row is its own nearest (dot 1 with itself).
    for (let q = 0; q < X.rows; q++) expect(found.indices[q * 5]).toBe(q);
  });

  it('gives the same neighbours and the same dot bits through the WebAssembly kernel (large enough to use it)', () => {
    const { X } = plantedClusters(6, 100, 40, 0.8, 2);
    const queries = plantedClusters(6, 30, 40, 0.8, 3).X;
    expect(X.rows * queries.rows * X.cols).toBeGreaterThanOrEqual(2e6);
    const found = nearestByDot(X, queries, 7);
    const expected = bySorting(X, queries, 7, false);
    expect(Array.from(found.indices)).toEqual(expected.indices);
    expect(Array.from(found.dots)).toEqual(expected.dots);
  });

  it('leaves each row out of its own neighbours when asked (the kNN graph of one set of rows)', () => {
    const { X } = plantedClusters(4, 150, 40, 0.8, 4);
    const found = nearestByDot(X, X, 6, true);
    const expected = bySorting(X, X, 6, true);
    expect(Array.from(found.indices)).toEqual(expected.indices);
    for (let q = 0; q < X.rows; q++) expect(Array.from(found.indices.subarray(q * 6, q * 6 + 6))).not.toContain(q);
  });

  it('as a finder kept for many sets of queries, small and large, answers each as nearestByDot does', () => {
    const { X } = plantedClusters(5, 40, 16, 0.8, 6);
    const find = nearestFinder(X, 4);
    for (const [rows, seed] of [[3, 7], [200, 8], [1, 9], [64, 10]]) {
      const queries = plantedClusters(5, rows, 16, 0.8, seed).X;
      const found = find(queries);
      const expected = bySorting(X, queries, 4, false);
      expect(Array.from(found.indices)).toEqual(expected.indices);
      expect(Array.from(found.dots)).toEqual(expected.dots);
    }
  });

  it('breaks ties by the lower row', () => {
    const reference: DenseMatrix = { rows: 4, cols: 2, data: Float64Array.from([0, 1, 1, 0, 0, 1, 1, 0]) };
    const query: DenseMatrix = { rows: 1, cols: 2, data: Float64Array.from([1, 0]) };
    expect(Array.from(nearestByDot(reference, query, 3).indices)).toEqual([1, 3, 0]);
  });

  it('refuses more neighbours than there are rows, or mismatched widths, naming both', () => {
    const { X } = plantedClusters(2, 3, 4, 0.1, 5);
    expect(() => nearestByDot(X, X, 6, true)).toThrow(/6 neighbours asked, 5 rows/);
    expect(() => nearestByDot(X, { rows: 1, cols: 3, data: new Float64Array(3) }, 1)).toThrow(/4 reference columns, 3 query columns/);
  });
});
