import { describe, expect, it } from 'vitest';
import { kRangeEdge } from '../../src/cluster/kRangeEdge.js';

/** A curve over k = from..to with the given silhouettes. */
const curve = (from: number, silhouettes: number[]) => silhouettes.map((silhouette, i) => ({ k: from + i, silhouette, inertia: 0 }));

describe('kRangeEdge', () => {
  it('is null when the best k lies inside the range, its ends clearly lower', () => {
    expect(kRangeEdge(curve(2, [0.1, 0.3, 0.2]), 3, [2, 4], 69)).toBeNull();
    // 0.006 below the highest: more than the tolerance of 0.005.
    expect(kRangeEdge(curve(2, [0.1, 0.3, 0.294]), 3, [2, 4], 69)).toBeNull();
  });

  it('reports a plateau that reaches the top even when the best k is just inside it', () => {
    // The benchmark's shape: level from k = 4 on, highest at 5.
    const edge = kRangeEdge(curve(2, [0.10, 0.12, 0.158, 0.160, 0.157]), 5, [2, 6], 69)!;
    expect(edge).toEqual({
      edge: 'top',
      note: 'silhouette within 0.005 of its highest (k = 5) up to k = 6, the top of the k range 2-6: try --k-range 2-12',
      suggestedRange: [2, 12],
    });
  });

  it('reports a plateau that reaches a bottom above 2', () => {
    const edge = kRangeEdge(curve(5, [0.398, 0.4, 0.2]), 6, [5, 7], 69)!;
    expect(edge.edge).toBe('bottom');
    expect(edge.note).toBe('silhouette within 0.005 of its highest (k = 6) down to k = 5, the bottom of the k range 5-7: try --k-range 2-7');
  });

  it('says the silhouette is still rising when k is the top of the range, and suggests twice the range', () => {
    const edge = kRangeEdge(curve(2, [0.1, 0.2, 0.3]), 4, [2, 4], 69);
    expect(edge).toEqual({
      edge: 'top',
      note: 'silhouette still rising at k = 4, the top of the k range 2-4: try --k-range 2-8',
      suggestedRange: [2, 8],
    });
  });

  it('suggests no more than papers - 1, and nothing when the top is already there', () => {
    expect(kRangeEdge(curve(2, [0.1, 0.2, 0.3]), 4, [2, 4], 6)!.suggestedRange).toEqual([2, 6]);
    const atLimit = kRangeEdge(curve(2, [0.1, 0.2, 0.3]), 4, [2, 4], 4)!;
    expect(atLimit.suggestedRange).toBeNull();
    expect(atLimit.note).toContain('k cannot go above 4 (papers - 1)');
  });

  it('reports the bottom of the range only above 2, suggesting to search from 2', () => {
    expect(kRangeEdge(curve(5, [0.4, 0.3, 0.2]), 5, [5, 7], 69)).toEqual({
      edge: 'bottom',
      note: 'silhouette highest at k = 5, the bottom of the k range 5-7: try --k-range 2-7',
      suggestedRange: [2, 7],
    });
    expect(kRangeEdge(curve(2, [0.4, 0.3, 0.2]), 2, [2, 4], 69)).toBeNull();
  });

  it('ignores the edge of a narrower window than the range asked for (the nightly search near last night\'s k)', () => {
    // Window 7-10 inside the user's 2-12: k = 10 may move up next night by itself.
    expect(kRangeEdge(curve(7, [0.1, 0.2, 0.3, 0.4]), 10, [2, 12], 69)).toBeNull();
    expect(kRangeEdge(curve(7, [0.4, 0.3, 0.2, 0.1]), 7, [2, 12], 69)).toBeNull();
  });

  it('needs at least two k to speak of a curve', () => {
    expect(kRangeEdge(curve(4, [0.3]), 4, [4, 4], 69)).toBeNull();
  });
});
