import { describe, expect, it } from 'vitest';
import { project2d } from '../../src/reduce/project2d.js';
import type { DenseMatrix } from '../../src/types.js';

function matrix(rows: number[][]): DenseMatrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

/** rows offset + t * direction + s * extra, for paired t and s. */
function pointsAlong(offset: number[], direction: number[], t: number[], extra?: number[], s?: number[]): DenseMatrix {
  return matrix(t.map((ti, i) => offset.map((o, j) => o + ti * direction[j] + (extra && s ? s[i] * extra[j] : 0))));
}

// A line in 5-D; its largest-magnitude coordinate (-3) is negative, so the sign rule must flip it.
const offset = [10, -5, 2, 0, 1];
const v = [1, 2, -3, 0.5, 0];
const normV = Math.sqrt(1 + 4 + 9 + 0.25); // sqrt(14.25)
const t = [0, 1, 2, 3, 4];
// A small wobble along the 5th axis, orthogonal to v and uncorrelated with t (sum s = 0, sum s*t = 0).
const e5 = [0, 0, 0, 0, 1];
const s = [0.01, -0.02, 0, 0.02, -0.01];

describe('project2d', () => {
  it('puts points on a line in 5-D on the first axis, which carries all the variance', () => {
    const { x, y, explainedVariance } = project2d(pointsAlong(offset, v, t));
    expect(explainedVariance[0]).toBeCloseTo(1, 10);
    expect(explainedVariance[1]).toBeCloseTo(0, 10);
    // distances along the line are kept: consecutive points are |v| apart
    for (let i = 1; i < t.length; i++) expect(Math.abs(x[i] - x[i - 1])).toBeCloseTo(normV, 10);
    for (const value of y) expect(value).toBeCloseTo(0, 10);
  });

  it('gives the exact centred coordinates, with each axis signed so its largest loading is positive', () => {
    const { x, y, explainedVariance } = project2d(pointsAlong(offset, v, t, e5, s));
    // axis 1 = -v/|v| (largest |loading| is -3 -> flipped positive): x = -(t - 2)|v|
    t.forEach((ti, i) => expect(x[i]).toBeCloseTo(-(ti - 2) * normV, 10));
    // axis 2 = +e5 (its only loading, positive): y = s
    s.forEach((si, i) => expect(y[i]).toBeCloseTo(si, 10));
    // variances: 10 * 14.25 = 142.5 along the line, 0.001 along e5
    expect(explainedVariance[0]).toBeCloseTo(142.5 / 142.501, 10);
    expect(explainedVariance[1]).toBeCloseTo(0.001 / 142.501, 10);
    expect(explainedVariance[0]).toBeGreaterThan(0.9999);
  });

  it('orients the first axis towards the largest-loading coordinate, so mirrored data gives a mirrored map', () => {
    const X = pointsAlong(offset, v, t, e5, s);
    const mirrored: DenseMatrix = { ...X, data: X.data.map((value) => -value) };
    const a = project2d(X);
    const b = project2d(mirrored);
    // X: the 3rd coordinate (2 - 3t) is largest at t = 0, so paper 0 is furthest along x
    expect(Math.max(...a.x)).toBe(a.x[0]);
    expect(a.x[0]).toBeGreaterThan(0);
    // -X: the 3rd coordinate (3t - 2) is largest at t = 4, so paper 4 is furthest along x
    expect(Math.max(...b.x)).toBe(b.x[4]);
    t.forEach((_, i) => expect(b.x[i]).toBeCloseTo(-a.x[i], 10));
    t.forEach((_, i) => expect(b.y[i]).toBeCloseTo(-a.y[i], 10));
  });

  it('gives the same map on repeated runs', () => {
    const X = pointsAlong(offset, v, t, e5, s);
    const a = project2d(X);
    const b = project2d(X);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(b.explainedVariance).toEqual(a.explainedVariance);
  });

  it('works with fewer rows than columns (4 points in 6-D)', () => {
    const direction = [0, 4, 0, 0, -1, 2];
    const { x, explainedVariance } = project2d(pointsAlong([1, 1, 1, 1, 1, 1], direction, [0, 1, 3, 4]));
    // largest loading is +4, so x = (t - mean t) * |direction|, mean t = 2, |direction| = sqrt(21)
    [0, 1, 3, 4].forEach((ti, i) => expect(x[i]).toBeCloseTo((ti - 2) * Math.sqrt(21), 10));
    expect(explainedVariance[0]).toBeCloseTo(1, 10);
  });

  it('returns one coordinate per row as Float64Arrays', () => {
    const { x, y } = project2d(pointsAlong(offset, v, t, e5, s));
    expect(x).toBeInstanceOf(Float64Array);
    expect(y).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(5);
    expect(y.length).toBe(5);
  });

  it.each([0, 1, 2])('returns zeros for %i rows (fewer than 3)', (n) => {
    const X = matrix(Array.from({ length: n }, (_, r) => [r + 1, 2 * r - 3, 5]));
    const out = project2d({ ...X, cols: 3 });
    expect(Array.from(out.x)).toEqual(new Array(n).fill(0));
    expect(Array.from(out.y)).toEqual(new Array(n).fill(0));
    expect(out.explainedVariance).toEqual([0, 0]);
  });

  it('returns zeros when the vectors have a single column', () => {
    const out = project2d(matrix([[1], [2], [5], [9]]));
    expect(Array.from(out.x)).toEqual([0, 0, 0, 0]);
    expect(Array.from(out.y)).toEqual([0, 0, 0, 0]);
    expect(out.explainedVariance).toEqual([0, 0]);
  });
});

describe('project2d on a corpus larger than MAP_FIT_ROWS', () => {
  it('projects every row, with the axes a sample finds', async () => {
    const { MAP_FIT_ROWS } = await import('../../src/reduce/project2d.js');
    const n = MAP_FIT_ROWS * 2 + 1;
    const d = 4;
    const data = new Float64Array(n * d);
    // Points on a line along (1, 2, 0, 0) with a small second direction along (0, 0, 1, 0).
    for (let r = 0; r < n; r++) {
      const t = r / n - 0.5;
      data[r * d] = t;
      data[r * d + 1] = 2 * t;
      data[r * d + 2] = 0.01 * Math.sin(r);
    }
    const map = project2d({ rows: n, cols: d, data });
    expect(map.x).toHaveLength(n);
    // The first axis is the line: x is t * sqrt(5) up to the centring offset.
    const slope = (map.x[n - 1] - map.x[0]) / ((n - 1) / n);
    expect(Math.abs(slope)).toBeCloseTo(Math.sqrt(5), 3);
    expect(map.explainedVariance[0]).toBeGreaterThan(0.99);
  });
});
