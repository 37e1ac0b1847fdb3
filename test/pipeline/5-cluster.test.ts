import { describe, expect, it } from 'vitest';
import { cluster, K_SEARCH_SAMPLE } from '../../pipeline/5-cluster.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';
import type { DenseMatrix } from '../../src/types.js';

/** n unit-length points around `groups` orthogonal directions in d dimensions. */
function blobs(n: number, groups: number, d: number, seed: number): { X: DenseMatrix; truth: Int32Array } {
  const random = createRandom(seed);
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = i % groups;
    let norm = 0;
    for (let t = 0; t < d; t++) {
      const v = (t === truth[i] ? 3 : 0) + 0.6 * gaussian(random);
      data[i * d + t] = v;
      norm += v * v;
    }
    for (let t = 0; t < d; t++) data[i * d + t] /= Math.sqrt(norm);
  }
  return { X: { rows: n, cols: d, data }, truth };
}

describe('cluster (stage 5)', () => {
  it('numbers themes by size, largest first', () => {
    const { X } = blobs(300, 3, 6, 1);
    const { labels, k } = cluster({ vectors: X }, { k: 3, kRange: [2, 6], nInit: 3, seed: 1 });
    const sizes = Array.from({ length: k }, (_, c) => labels.filter((l) => l === c).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('finds the number of groups with k = auto, and reports the curve', () => {
    const { X } = blobs(600, 5, 8, 2);
    const result = cluster({ vectors: X }, { k: 'auto', kRange: [2, 9], nInit: 3, seed: 2 });
    expect(result.k).toBe(5);
    expect(result.selection!.curve.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.selection!.criterion).not.toMatch(/sample/);
    expect(result.selection!.edge).toBeNull();
  });

  it('marks the top of the range when the silhouette is still rising there', () => {
    const { X } = blobs(600, 5, 8, 2);
    const result = cluster({ vectors: X }, { k: 'auto', kRange: [2, 4], nInit: 3, seed: 2 });
    expect(result.k).toBe(4);
    expect(result.selection!.edge).toEqual({
      edge: 'top', suggestedRange: [2, 8],
      note: 'silhouette still rising at k = 4, the top of the k range 2-4: try --k-range 2-8',
    });
  });

  it('marks the bottom of a range that starts above 2 when its first k is best', () => {
    const { X } = blobs(600, 3, 8, 5);
    const result = cluster({ vectors: X }, { k: 'auto', kRange: [3, 8], nInit: 3, seed: 5 });
    expect(result.k).toBe(3);
    expect(result.selection!.edge?.edge).toBe('bottom');
    expect(result.selection!.edge?.suggestedRange).toEqual([2, 8]);
  });

  it(`searches k on a ${K_SEARCH_SAMPLE}-paper sample above that size, then clusters every paper`, () => {
    const n = K_SEARCH_SAMPLE + 1500;
    const { X, truth } = blobs(n, 4, 8, 3);
    const result = cluster({ vectors: X }, { k: 'auto', kRange: [2, 7], nInit: 4, seed: 3 });
    expect(result.k).toBe(4);
    expect(result.labels).toHaveLength(n);
    expect(result.selection!.criterion).toMatch(`seeded sample of ${K_SEARCH_SAMPLE} papers with 3 restarts per k`);
    // Every true group ends up (almost) whole in one theme.
    for (let g = 0; g < 4; g++) {
      const members = result.labels.filter((_, i) => truth[i] === g);
      const counts = new Map<number, number>();
      for (const l of members) counts.set(l, (counts.get(l) ?? 0) + 1);
      expect(Math.max(...counts.values()) / members.length).toBeGreaterThan(0.95);
    }
  });

  it('gives the same result for the same seed', () => {
    const { X } = blobs(K_SEARCH_SAMPLE + 200, 3, 6, 4);
    const a = cluster({ vectors: X }, { k: 'auto', kRange: [2, 5], nInit: 2, seed: 9 });
    const b = cluster({ vectors: X }, { k: 'auto', kRange: [2, 5], nInit: 2, seed: 9 });
    expect(a.labels).toEqual(b.labels);
    expect(a.selection).toEqual(b.selection);
  });
});

describe('cluster (stage 5) on a warm night', () => {
  it(`searches k only within ${3} of last night's, and continues last night's themes`, async () => {
    const { warmStart } = await import('../../src/cluster/warmStart.js');
    const { X } = blobs(800, 4, 8, 6);
    const first = cluster({ vectors: X }, { k: 'auto', kRange: [2, 12], nInit: 3, seed: 6 });
    expect(first.k).toBe(4);
    const ids = Array.from({ length: X.rows }, (_, i) => `p${i}`);
    const previous = new Map(ids.map((id, i) => [id, first.labels[i]]));
    const warm = cluster({ vectors: X }, {
      k: 'auto', kRange: [2, 12], nInit: 3, seed: 6,
      warmStart: { previousK: 4, keepKWithin: 0.02, start: (k) => warmStart(X, ids, previous, k) },
    });
    expect(warm.selection!.curve.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(warm.selection!.criterion).toContain("within 3 of last night's k");
    expect(warm.k).toBe(4);
    expect([...warm.labels]).toEqual([...first.labels]);
  });

  it("says so when last night's k is kept below the best one, and still reports an edge the range cuts", async () => {
    const { warmStart } = await import('../../src/cluster/warmStart.js');
    const { X } = blobs(800, 4, 8, 6);
    const three = cluster({ vectors: X }, { k: 3, kRange: [2, 12], nInit: 3, seed: 6 });
    const ids = Array.from({ length: X.rows }, (_, i) => `p${i}`);
    const previous = new Map(ids.map((id, i) => [id, three.labels[i]]));
    // keepKWithin 1: any k within a silhouette of 1 keeps last night's k = 3.
    const warm = cluster({ vectors: X }, {
      k: 'auto', kRange: [3, 12], nInit: 3, seed: 6,
      warmStart: { previousK: 3, keepKWithin: 1, start: (k) => warmStart(X, ids, previous, k) },
    });
    expect(warm.k).toBe(3);
    expect(warm.selection!.best).toBe(4);
    expect(warm.selection!.reason).toMatch(/^last night's k, kept: its silhouette \(0\.\d{4}\) is within 1 of the highest \(0\.\d{4} at k = 4\)/);
    expect(warm.selection!.edge).toBeNull();
    // With the range cut at the best k, the kept k does not hide that the curve may go on.
    const cut = cluster({ vectors: X }, {
      k: 'auto', kRange: [2, 4], nInit: 3, seed: 6,
      warmStart: { previousK: 3, keepKWithin: 1, start: (k) => warmStart(X, ids, previous, k) },
    });
    expect(cut.k).toBe(3);
    expect(cut.selection!.best).toBe(4);
    expect(cut.selection!.edge?.edge).toBe('top');
    expect(cut.selection!.edge?.note).toBe('silhouette still rising at k = 4, the top of the k range 2-4: try --k-range 2-8');
  });
});
