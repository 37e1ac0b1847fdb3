import { describe, expect, it } from 'vitest';
import { centroidScores, representatives } from '../../src/label/centroidScores.js';
import type { DenseMatrix } from '../../src/types.js';

function matrix(rows: number[][]): DenseMatrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

describe('centroidScores', () => {
  it('gives the cosine between each row and the centre of its own cluster', () => {
    const X = matrix([
      [1, 0],
      [1, 1],
      [0, 2],
      [6, 8],
    ]);
    const centres = Float64Array.from([1, 0, /* centre 1 */ 3, 4]);
    const scores = centroidScores(X, centres, Int32Array.from([0, 0, 1, 1]));
    expect(scores[0]).toBeCloseTo(1, 12); // same direction
    expect(scores[1]).toBeCloseTo(Math.SQRT1_2, 12); // 45 degrees
    expect(scores[2]).toBeCloseTo(0.8, 12); // (0*3 + 2*4) / (2 * 5)
    expect(scores[3]).toBeCloseTo(1, 12); // parallel, longer
  });

  it('uses the centre of the row’s own label, not another one', () => {
    const X = matrix([[0, 1]]);
    const centres = Float64Array.from([1, 0, 0, 1]);
    expect(centroidScores(X, centres, Int32Array.from([0]))[0]).toBeCloseTo(0, 12);
    expect(centroidScores(X, centres, Int32Array.from([1]))[0]).toBeCloseTo(1, 12);
  });

  it('gives -1 for a row pointing away from its centre', () => {
    const scores = centroidScores(matrix([[-2, 0, 0]]), Float64Array.from([5, 0, 0]), Int32Array.from([0]));
    expect(scores[0]).toBeCloseTo(-1, 12);
  });

  it('is independent of the lengths of the row and the centre', () => {
    const centres = Float64Array.from([1, 2, 2]);
    const a = centroidScores(matrix([[2, 1, 0]]), centres, Int32Array.from([0]));
    const b = centroidScores(matrix([[20, 10, 0]]), Float64Array.from([0.1, 0.2, 0.2]), Int32Array.from([0]));
    // (2 + 2) / (sqrt 5 * 3)
    expect(a[0]).toBeCloseTo(4 / (3 * Math.sqrt(5)), 12);
    expect(b[0]).toBeCloseTo(a[0], 12);
  });

  it('scores 0 (not NaN) for a zero row or a zero centre', () => {
    const X = matrix([
      [0, 0],
      [1, 1],
    ]);
    const centres = Float64Array.from([1, 0, 0, 0]);
    const scores = centroidScores(X, centres, Int32Array.from([0, 1]));
    expect(Array.from(scores)).toEqual([0, 0]);
  });

  it('returns one score per row as a Float64Array', () => {
    const scores = centroidScores(matrix([[1, 0], [0, 1], [1, 1]]), Float64Array.from([1, 1]), Int32Array.from([0, 0, 0]));
    expect(scores).toBeInstanceOf(Float64Array);
    expect(scores.length).toBe(3);
  });
});

describe('representatives', () => {
  it('lists each cluster’s members by decreasing score, at most count of them', () => {
    const scores = Float64Array.from([0.5, 0.9, 0.3, 0.1, 0.7, 0.8]);
    const labels = Int32Array.from([0, 0, 0, 1, 1, 0]);
    expect(representatives(scores, labels, 2, 2)).toEqual([
      [1, 5],
      [4, 3],
    ]);
  });

  it('breaks a score tie in favour of the earlier paper', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.4, 0.9, 0.9]);
    const labels = Int32Array.from([0, 0, 0, 0, 0]);
    expect(representatives(scores, labels, 1, 4)).toEqual([[1, 3, 4, 2]]);
  });

  it('returns every member when a cluster has fewer than count', () => {
    const scores = Float64Array.from([0.1, 0.6, 0.3]);
    expect(representatives(scores, Int32Array.from([0, 1, 0]), 2, 5)).toEqual([[2, 0], [1]]);
  });

  it('gives an empty list for an empty cluster and keeps one list per cluster', () => {
    const scores = Float64Array.from([0.4, 0.2]);
    expect(representatives(scores, Int32Array.from([2, 2]), 4, 3)).toEqual([[], [], [0, 1], []]);
  });

  it('ranks negative scores below positive ones', () => {
    const scores = Float64Array.from([-0.5, 0.1, -0.1]);
    expect(representatives(scores, Int32Array.from([0, 0, 0]), 1, 3)).toEqual([[1, 2, 0]]);
  });

  it('returns empty lists for count 0', () => {
    expect(representatives(Float64Array.from([1, 2]), Int32Array.from([0, 1]), 2, 0)).toEqual([[], []]);
  });
});
