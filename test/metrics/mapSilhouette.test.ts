import { describe, expect, it } from 'vitest';
import { mapSilhouette } from '../../src/metrics/mapSilhouette.js';

describe('mapSilhouette', () => {
  it('computes (b − a) / max(a, b) with Euclidean distances, averaged over the sample', () => {
    // Theme 0 at x = 0 and 1, theme 1 at x = 10 and 12 (y = 0).
    const x = Float64Array.from([0, 1, 10, 12]);
    const y = new Float64Array(4);
    const labels = Int32Array.from([0, 0, 1, 1]);
    const s = [
      (11 - 1) / 11, // point 0: a = 1, b = mean(10, 12) = 11
      (10 - 1) / 10, // point 1: a = 1, b = mean(9, 11) = 10
      (9.5 - 2) / 9.5, // point 2: a = 2, b = mean(10, 9) = 9.5
      (11.5 - 2) / 11.5, // point 3: a = 2, b = mean(12, 11) = 11.5
    ];
    expect(mapSilhouette(x, y, labels, 2, Int32Array.from([0, 1, 2, 3]))).toBeCloseTo((s[0] + s[1] + s[2] + s[3]) / 4, 12);
    // Over a sample, only the sampled points count, as members and as neighbours.
    expect(mapSilhouette(x, y, labels, 2, Int32Array.from([0, 1, 2]))).toBeCloseTo(((10 - 1) / 10 + (9 - 1) / 9 + 0) / 3, 12);
  });

  it('is negative when the themes are mixed in the map', () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const y = new Float64Array(4);
    expect(mapSilhouette(x, y, Int32Array.from([0, 1, 0, 1]), 2, Int32Array.from([0, 1, 2, 3]))).toBeLessThan(0);
  });
});
