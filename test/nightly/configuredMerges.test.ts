import { describe, expect, it } from 'vitest';
import { mergeGroupRoots } from '../../src/cluster/mergeThemes.js';
import { clusterPairsToMerge, liveGroupRoots, majorityPreviousTheme, withGroupIds } from '../../src/nightly/configuredMerges.js';

describe('mergeGroupRoots', () => {
  it('maps every id of a merge group to its smallest id, transitively', () => {
    expect([...mergeGroupRoots([[3, 7], [2, 3], [10, 9]])].sort((a, b) => a[0] - b[0])).toEqual([[2, 2], [3, 2], [7, 2], [9, 9], [10, 9]]);
    expect(mergeGroupRoots([]).size).toBe(0);
  });
});

describe('liveGroupRoots', () => {
  it('keeps only last night’s themes in each group, under the smallest of them', () => {
    // 5 ended (merged into 2 earlier), 12 not born: [5, 7] gives 7 no dead id; [3, 12] waits for nothing.
    const roots = liveGroupRoots([[2, 5], [5, 7], [3, 12]], new Set([2, 3, 7]));
    expect([...roots].sort((a, b) => a[0] - b[0])).toEqual([[2, 2], [3, 3], [7, 2]]);
    expect([...liveGroupRoots([[5, 7]], new Set([7]))]).toEqual([[7, 7]]);
    expect(liveGroupRoots([[8, 9]], new Set([1])).size).toBe(0);
  });
});

describe('majorityPreviousTheme', () => {
  it('gives each cluster the theme most of its already clustered papers had last night (ties: the smaller id; none: -1)', () => {
    const previous = new Map([['a', 5], ['b', 5], ['c', 2], ['d', 2], ['e', 9]]);
    const labels = Int32Array.from([0, 0, 0, 1, 1, 2]);
    // Cluster 0: a(5) b(5) c(2) -> 5; cluster 1: d(2) e(9) -> tie, 2; cluster 2: only a new paper -> -1.
    expect(Array.from(majorityPreviousTheme(['a', 'b', 'c', 'd', 'e', 'new'], labels, 3, previous))).toEqual([5, 2, -1]);
  });
});

describe('clusterPairsToMerge', () => {
  it('joins the clusters whose majority themes are in one group, first cluster with each other one', () => {
    const roots = mergeGroupRoots([[3, 7]]);
    expect(clusterPairsToMerge(Int32Array.from([7, 1, 3, 3, -1]), roots)).toEqual([[0, 2], [0, 3]]);
    expect(clusterPairsToMerge(Int32Array.from([1, 2]), roots)).toEqual([]);
  });
});

describe('withGroupIds', () => {
  const roots = mergeGroupRoots([[3, 7]]);

  it('gives a joined theme its group’s smallest id and records the id it gave up as ended', () => {
    // Tonight's cluster 1 (majority 7) matched 7; 3 is free: it becomes 3, and 7 ends.
    const match = { ids: [0, 7, 12], ended: [3], overlap: [0.9, 0.6, 0] };
    const out = withGroupIds(match, Int32Array.from([0, 7, -1]), roots, 10);
    expect(out.ids).toEqual([0, 3, 12]);
    expect(out.ended).toEqual([7]);
  });

  it('leaves an id another cluster holds tonight alone', () => {
    const match = { ids: [3, 7], ended: [], overlap: [0.9, 0.6] };
    expect(withGroupIds(match, Int32Array.from([3, 7]), roots, 10).ids).toEqual([3, 7]);
  });
});
