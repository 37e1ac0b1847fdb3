import { describe, expect, it } from 'vitest';
import { applyMerges, mergeRoots, pairsToReduce } from '../../src/cluster/mergeThemes.js';

describe('mergeRoots', () => {
  it('joins each pair into its smaller id, transitively and in any order', () => {
    expect(Array.from(mergeRoots(8, [[3, 7], [2, 3]]))).toEqual([0, 1, 2, 2, 4, 5, 6, 2]);
    expect(Array.from(mergeRoots(8, [[7, 3], [3, 2]]))).toEqual([0, 1, 2, 2, 4, 5, 6, 2]);
    expect(Array.from(mergeRoots(6, [[5, 4], [1, 0], [4, 1]]))).toEqual([0, 0, 2, 3, 0, 0]);
  });

  it('leaves every theme alone without pairs, and ignores a pair already joined', () => {
    expect(Array.from(mergeRoots(3, []))).toEqual([0, 1, 2]);
    expect(Array.from(mergeRoots(4, [[1, 2], [2, 1]]))).toEqual([0, 1, 1, 3]);
  });
});

describe('pairsToReduce', () => {
  // Leaves 0..3; merge 0 joins 1 and 3 (node 4), merge 1 joins 0 and 2 (node 5), merge 2 joins 4 and 5.
  const linkage = { left: Int32Array.from([1, 0, 4]), right: Int32Array.from([3, 2, 5]) };

  it('takes the first k − target merges of the tree, each as one theme of either side', () => {
    expect(pairsToReduce(linkage, 4, 3)).toEqual([[1, 3]]);
    expect(pairsToReduce(linkage, 4, 2)).toEqual([[1, 3], [0, 2]]);
    expect(pairsToReduce(linkage, 4, 1)).toEqual([[1, 3], [0, 2], [1, 0]]);
    expect(Array.from(mergeRoots(4, pairsToReduce(linkage, 4, 1)))).toEqual([0, 0, 0, 0]);
  });

  it('merges nothing for a target of k or more', () => {
    expect(pairsToReduce(linkage, 4, 4)).toEqual([]);
    expect(pairsToReduce(linkage, 4, 9)).toEqual([]);
  });
});

describe('applyMerges', () => {
  it('renumbers the themes by the ids they keep and gives each merged theme the mean of its rows', () => {
    // Rows in 2-D, themes 0..3; merge 3 into 1.
    const X = { rows: 5, cols: 2, data: Float64Array.from([1, 0, 0, 1, 0, 3, 5, 5, 2, 2]) };
    const labels = Int32Array.from([0, 1, 3, 2, 1]);
    const merged = applyMerges(labels, mergeRoots(4, [[3, 1]]), X);
    expect(merged.k).toBe(3);
    expect(Array.from(merged.ids)).toEqual([0, 1, 2]);
    expect(merged.members).toEqual([[0], [1, 3], [2]]);
    expect(Array.from(merged.labels)).toEqual([0, 1, 1, 2, 1]);
    // Theme 1 now holds rows 1, 2 and 4: mean ((0 + 0 + 2) / 3, (1 + 3 + 2) / 3).
    expect(Array.from(merged.centres)).toEqual([1, 0, 2 / 3, 2, 5, 5]);
  });

  it('keeps gaps in the ids: a merged-away id is simply gone', () => {
    const X = { rows: 3, cols: 1, data: Float64Array.from([1, 2, 3]) };
    const merged = applyMerges(Int32Array.from([0, 1, 2]), mergeRoots(3, [[0, 1]]), X);
    expect(Array.from(merged.ids)).toEqual([0, 2]);
    expect(Array.from(merged.labels)).toEqual([0, 0, 1]);
  });
});
