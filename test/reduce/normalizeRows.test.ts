import { describe, expect, it } from 'vitest';
import { normalizeRows } from '../../src/reduce/normalizeRows.js';
import type { DenseMatrix } from '../../src/types.js';

function matrix(rows: number[][]): DenseMatrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

function rowsOf(M: DenseMatrix): number[][] {
  return Array.from({ length: M.rows }, (_, r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
}

describe('normalizeRows', () => {
  it('scales each row to unit l2 norm (3-4-5 triangle)', () => {
    const out = normalizeRows(matrix([[3, 4], [0, -2]]));
    const rows = rowsOf(out);
    expect(rows[0][0]).toBeCloseTo(0.6, 12);
    expect(rows[0][1]).toBeCloseTo(0.8, 12);
    expect(rows[1]).toEqual([0, -1]);
  });

  it('normalises each row on its own, keeping direction and sign', () => {
    const out = rowsOf(normalizeRows(matrix([[1, 2, 2], [-4, 0, 0], [0.5, 0.5, 0.5]])));
    [1 / 3, 2 / 3, 2 / 3].forEach((v, j) => expect(out[0][j]).toBeCloseTo(v, 12));
    expect(out[1]).toEqual([-1, 0, 0]);
    out[2].forEach((v) => expect(v).toBeCloseTo(1 / Math.sqrt(3), 12));
  });

  it('gives every non-zero row a norm of 1', () => {
    const out = rowsOf(normalizeRows(matrix([[7, -1, 3, 0.2], [1e-6, 2e-6, 0, 0], [100, 200, 300, 400]])));
    for (const row of out) expect(Math.hypot(...row)).toBeCloseTo(1, 12);
  });

  it('leaves zero rows at zero instead of dividing by zero', () => {
    const out = rowsOf(normalizeRows(matrix([[0, 0, 0], [0, 3, 4]])));
    expect(out[0]).toEqual([0, 0, 0]);
    expect(out[1][1]).toBeCloseTo(0.6, 12);
    expect(out.flat().every(Number.isFinite)).toBe(true);
  });

  it('keeps the shape and returns a new array without touching the input', () => {
    const input = matrix([[3, 4], [6, 8], [0, 1]]);
    const out = normalizeRows(input);
    expect(out.rows).toBe(3);
    expect(out.cols).toBe(2);
    expect(out.data).toBeInstanceOf(Float64Array);
    expect(out.data).not.toBe(input.data);
    expect(Array.from(input.data)).toEqual([3, 4, 6, 8, 0, 1]);
  });

  it('leaves rows that are already unit length as they are', () => {
    const out = normalizeRows(matrix([[1, 0], [0, -1]]));
    expect(Array.from(out.data)).toEqual([1, 0, 0, -1]);
  });

  it('accepts a matrix with no rows', () => {
    const out = normalizeRows({ rows: 0, cols: 3, data: new Float64Array(0) });
    expect(out).toEqual({ rows: 0, cols: 3, data: new Float64Array(0) });
  });
});
