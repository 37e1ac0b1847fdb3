import { describe, expect, it } from 'vitest';
import { averageLinkage, type Linkage } from '../../src/hierarchy/averageLinkage.js';
import { leafOrder, mergeLeaves, parentNodes } from '../../src/hierarchy/linkageTree.js';
import { createRandom } from '../../src/random/seededRandom.js';

function matrix(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

function rowsOf(l: Linkage): Array<[number, number, number, number]> {
  return Array.from(l.left, (_, m) => [l.left[m], l.right[m], l.distance[m], l.size[m]]);
}

/**
 * An independent average linkage straight from its definition: clusters as leaf lists, the
 * distance of two clusters recomputed each step as the mean of all leaf distances across
 * them (no Lance-Williams update), smallest first, ties to the lowest node numbers.
 */
function bruteForce(D: Float64Array, k: number): Array<[number, number, number, number]> {
  let clusters = Array.from({ length: k }, (_, i) => ({ node: i, leaves: [i] }));
  const out: Array<[number, number, number, number]> = [];
  for (let m = 0; m < k - 1; m++) {
    let best: { a: number; b: number; d: number; low: number; high: number } | null = null;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let s = 0;
        for (const x of clusters[a].leaves) for (const y of clusters[b].leaves) s += D[x * k + y];
        const d = s / (clusters[a].leaves.length * clusters[b].leaves.length);
        const low = Math.min(clusters[a].node, clusters[b].node);
        const high = Math.max(clusters[a].node, clusters[b].node);
        if (best === null || d < best.d - 1e-12 || (Math.abs(d - best.d) <= 1e-12 && (low < best.low || (low === best.low && high < best.high)))) {
          best = { a, b, d, low, high };
        }
      }
    }
    const { a, b, d, low, high } = best!;
    const leaves = [...clusters[a].leaves, ...clusters[b].leaves];
    out.push([low, high, d, leaves.length]);
    clusters = clusters.filter((_, i) => i !== a && i !== b);
    clusters.push({ node: k + m, leaves });
  }
  return out;
}

describe('averageLinkage', () => {
  // By hand: (0,1) at 2 -> node 5; d(5,2) = (6+5)/2 = 5.5, d(5,3) = 9.5, d(5,4) = 8.5.
  // (3,4) at 3 -> node 6; d(6,2) = (4+5)/2 = 4.5, d(6,5) = (9.5+8.5)/2 = 9.
  // (2,6) at 4.5 -> node 7 (3 leaves); d(7,5) = (1 * 5.5 + 2 * 9) / 3 = 23.5/3.
  // (5,7) at 23.5/3 -> node 8, the root. (scipy 1.17 gives the same rows.)
  const D = matrix([
    [0, 2, 6, 10, 9],
    [2, 0, 5, 9, 8],
    [6, 5, 0, 4, 5],
    [10, 9, 4, 0, 3],
    [9, 8, 5, 3, 0],
  ]);

  it('merges as computed by hand, numbering merges k.. like scipy', () => {
    const rows = rowsOf(averageLinkage(D, 5));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([[0, 1, 2], [3, 4, 2], [2, 6, 3], [5, 7, 5]]);
    expect(rows.map((r) => r[2])).toEqual([2, 3, 4.5, 23.5 / 3].map((d) => expect.closeTo(d, 12)));
  });

  it('gives the dendrogram leaf order, the leaves of each merge and each node\'s parent', () => {
    const l = averageLinkage(D, 5);
    expect(Array.from(leafOrder(l))).toEqual([0, 1, 2, 3, 4]);
    expect(mergeLeaves(l)).toEqual([[0, 1], [3, 4], [2, 3, 4], [0, 1, 2, 3, 4]]);
    expect(Array.from(parentNodes(l))).toEqual([5, 5, 7, 6, 6, 8, 7, 8, -1]);
  });

  it('breaks ties by the lowest node numbers, so the order of a scan never matters', () => {
    // 0, 1, 2 all at 1 from each other, 3 at 2 from all: (0,1) first, then (2, node 4).
    const tied = matrix([[0, 1, 1, 2], [1, 0, 1, 2], [1, 1, 0, 2], [2, 2, 2, 0]]);
    const l = averageLinkage(tied, 4);
    expect(rowsOf(l)).toEqual([[0, 1, 1, 2], [2, 4, 1, 3], [3, 5, 2, 4]]);
    expect(Array.from(leafOrder(l))).toEqual([3, 2, 0, 1]);
    // Relabelling the leaves moves the tie to other ids, and the rule follows the ids.
    const perm = [2, 0, 3, 1]; // old leaf i becomes perm[i]
    const moved = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) moved[perm[i] * 4 + perm[j]] = tied[i * 4 + j];
    expect(rowsOf(averageLinkage(moved, 4))).toEqual([[0, 2, 1, 2], [3, 4, 1, 3], [1, 5, 2, 4]]);
  });

  it('handles one and two leaves', () => {
    expect(rowsOf(averageLinkage(new Float64Array(1), 1))).toEqual([]);
    expect(Array.from(leafOrder(averageLinkage(new Float64Array(1), 1)))).toEqual([0]);
    const two = averageLinkage(matrix([[0, 0.25], [0.25, 0]]), 2);
    expect(rowsOf(two)).toEqual([[0, 1, 0.25, 2]]);
    expect(Array.from(parentNodes(two))).toEqual([2, 2, -1]);
  });

  it('matches a brute-force average linkage on random distance matrices, with non-decreasing heights', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const k = 6 + seed * 3;
      const random = createRandom(seed);
      const points = Array.from({ length: k }, () => [random(), random(), random()]);
      const Dr = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Dr[i * k + j] = Math.hypot(...points[i].map((v, t) => v - points[j][t]));
      const rows = rowsOf(averageLinkage(Dr, k));
      const expected = bruteForce(Dr, k);
      expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual(expected.map((r) => [r[0], r[1], r[3]]));
      rows.forEach((r, m) => expect(r[2]).toBeCloseTo(expected[m][2], 10));
      for (let m = 1; m < rows.length; m++) expect(rows[m][2]).toBeGreaterThanOrEqual(rows[m - 1][2]);
      const order = Array.from(leafOrder(averageLinkage(Dr, k)));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i));
    }
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => averageLinkage(new Float64Array(5), 2)).toThrow(RangeError);
  });
});
