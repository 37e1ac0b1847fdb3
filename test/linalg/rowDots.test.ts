import { describe, expect, it } from 'vitest';
import { createRowDots, ROW_DOTS_BLOCK } from '../../src/linalg/rowDots.js';
import { distanceKernels } from '../../src/linalg/distanceKernels.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** x_i · c in the plain in-order JavaScript loop that the k-means code uses without the kernel. */
function inOrderDot(x: Float64Array, i: number, targets: Float64Array, c: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += x[i * d + t] * targets[c * d + t];
  return s;
}

describe('rowDots (WebAssembly dot products of rows with a few targets)', () => {
  const module = distanceKernels();
  const random = createRandom(11);
  const n = 700;
  const d = 37;
  // Values of very different magnitudes, so that a different summation order would show.
  const data = Float64Array.from({ length: n * d }, () => gaussian(random) * 10 ** Math.floor(6 * random() - 3));
  const X = { rows: n, cols: d, data };

  it('loads its four kernels, one WebAssembly module each (Node 20 and later have SIMD)', () => {
    expect(Object.keys(module.modules).sort()).toEqual(['candidateStep', 'nearestTwo', 'ownDots', 'rowDots']);
    for (const compiled of Object.values(module.modules)) expect(compiled).toBeInstanceOf(WebAssembly.Module);
  });

  it('equals the in-order JavaScript sums bit for bit, for any target count, listed points and ranges', () => {
    const dots = createRowDots(module!, X, 30);
    for (const m of [1, 2, 3, 5, 6, 8, 9, 12, 14, 24, 30]) {
      const targets = Float64Array.from({ length: m * d }, () => gaussian(random));
      dots.setTargets(targets, m);
      // Eight targets per pass, then a last block of two, four or six.
      expect(dots.stride).toBe(Math.ceil(m / 2) * 2);
      // An odd count of scattered points (the last one is computed alone).
      const points = Int32Array.from({ length: 255 }, (_, j) => (j * 389 + m) % n);
      const listed = dots.ofPoints(points, points.length);
      for (let j = 0; j < points.length; j++) {
        for (let c = 0; c < m; c++) expect(listed[j * dots.stride + c]).toBe(inOrderDot(data, points[j], targets, c, d));
      }
      const start = 444;
      const ranged = dots.ofRange(start, ROW_DOTS_BLOCK);
      for (let j = 0; j < ROW_DOTS_BLOCK; j++) {
        for (let c = 0; c < m; c++) expect(ranged[j * dots.stride + c]).toBe(inOrderDot(data, start + j, targets, c, d));
      }
    }
  });

  it('gives each listed point its dot product with its own target, to rounding (ownDots)', () => {
    const dots = createRowDots(module!, X, 12);
    const m = 12;
    const targets = Float64Array.from({ length: m * d }, () => gaussian(random));
    dots.setTargets(targets, m);
    const points = Int32Array.from({ length: 200 }, (_, j) => (j * 131 + 7) % n);
    const owners = Int32Array.from({ length: 200 }, (_, j) => (j * 5) % m);
    const own = dots.ownDots(points, owners, points.length);
    for (let j = 0; j < points.length; j++) {
      // d = 37 is odd: the last column is added on its own.
      let scale = 0;
      for (let t = 0; t < d; t++) scale += Math.abs(data[points[j] * d + t] * targets[owners[j] * d + t]);
      expect(Math.abs(own[j] - inOrderDot(data, points[j], targets, owners[j], d))).toBeLessThanOrEqual(d * 2 ** -52 * scale);
    }
  });

  it('finds the nearest and second-nearest targets as the JavaScript scan does, ties to the lowest index (nearestTwo)', () => {
    const m = 9;
    const dots = createRowDots(module!, X, m);
    // Targets 3 and 7 are the same row: every point ties between them.
    const targets = Float64Array.from({ length: m * d }, () => gaussian(random));
    targets.copyWithin(7 * d, 3 * d, 4 * d);
    dots.setTargets(targets, m);
    const norms = Float64Array.from({ length: m }, (_, c) => inOrderDot(targets, c, targets, c, d));
    const points = Int32Array.from({ length: 101 }, (_, j) => (j * 17) % n);
    dots.ofPoints(points, points.length);
    const { best, first, second } = dots.nearestTwo(norms, m, points.length);
    for (let j = 0; j < points.length; j++) {
      let b = 0;
      let v1 = Infinity;
      let v2 = Infinity;
      for (let c = 0; c < m; c++) {
        const v = norms[c] - 2 * inOrderDot(data, points[j], targets, c, d);
        if (v < v1) [v2, v1, b] = [v1, v, c];
        else if (v < v2) v2 = v;
      }
      expect([best[j], first[j], second[j]]).toEqual([b, v1, v2]);
    }
  });

  it('refuses more targets or points per call than it was made for', () => {
    const dots = createRowDots(module!, X, 9);
    expect(() => dots.setTargets(new Float64Array(17 * d), 17)).toThrow(/at most 16 targets/);
    dots.setTargets(new Float64Array(d), 1);
    expect(() => dots.ofRange(0, ROW_DOTS_BLOCK + 1)).toThrow(/at most 256 points/);
  });
});
