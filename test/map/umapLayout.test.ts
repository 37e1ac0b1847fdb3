import { describe, expect, it } from 'vitest';
import { nearestByDot } from '../../src/map/nearestByDot.js';
import { umapLayout } from '../../src/map/umapLayout.js';
import { mapSilhouette } from '../../src/metrics/mapSilhouette.js';
import { plantedClusters } from './plantedClusters.js';

function layout(seed: number) {
  const { X, labels } = plantedClusters(5, 60, 30, 0.12, 11);
  const start = new Float64Array(2 * X.rows).map((_, i) => Math.sin(i * 12.9898) * 10);
  const embedding = umapLayout(nearestByDot(X, X, 14, true), start, { minDist: 0.1, epochs: 200, seed });
  return { embedding, labels, n: X.rows };
}

describe('umapLayout', () => {
  it('lays planted clusters out as separate regions from a start that mixes them', () => {
    const { embedding, labels, n } = layout(1);
    const x = embedding.filter((_, i) => i % 2 === 0);
    const y = embedding.filter((_, i) => i % 2 === 1);
    const all = Int32Array.from({ length: n }, (_, i) => i);
    expect(mapSilhouette(x, y, labels, 5, all)).toBeGreaterThan(0.5);
  });

  it('gives the same layout, bit for bit, for the same seed, and another for another seed', () => {
    const a = layout(1).embedding;
    const b = layout(1).embedding;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(layout(2).embedding.buffer).equals(Buffer.from(a.buffer))).toBe(false);
  });

  it('refuses neighbours that do not match the points', () => {
    const { X } = plantedClusters(2, 10, 5, 0.3, 3);
    expect(() => umapLayout(nearestByDot(X, X, 4, true), new Float64Array(2 * (X.rows - 1)), { minDist: 0.1, epochs: 10, seed: 1 })).toThrow(/20 rows of neighbours for 19 points/);
  });
});
