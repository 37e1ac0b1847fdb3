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
    const { warmStart } = await import('../../src/nightly/warmStart.js');
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
});
