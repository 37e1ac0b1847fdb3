import { describe, expect, it } from 'vitest';
import { representativePapers } from '../../src/label/representativePapers.js';
import type { CsrMatrix } from '../../src/types.js';

/** Papers x vocabulary counts from rows of column lists (each mention counted once). */
function csr(rows: number[][], cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((row, r) => (indptr[r + 1] = indptr[r] + row.length));
  return { rows: rows.length, cols, indptr, indices: Int32Array.from(rows.flatMap((row) => [...row].sort((a, b) => a - b))), values: new Float64Array(indptr[rows.length]).fill(1) };
}

// Columns: 0 "pruning", 1 "transformers", 2 "attention", 3 "quantum battery".
const counts = csr([[3], [0, 1, 2], [0], [0, 1], [1, 2]], 4);
const members = [0, 1, 2, 3, 4];
const top = { columns: [0, 1, 2], weights: [0.5, 0.3, 0.2] };
const tight = new Uint8Array(5);

describe('representativePapers', () => {
  it('ranks the members the label finds by centre cosine times the share of top-term weight they mention', () => {
    const scores = Float64Array.of(0.99, 0.6, 0.9, 0.8, 0.95);
    // fits: 1: 0.6 * 1.0 = 0.6, 2: 0.9 * 0.5 = 0.45, 3: 0.8 * 0.8 = 0.64; 4 has no "pruning".
    expect(representativePapers(members, scores, tight, counts, [[0]], top.columns, top.weights, 5)).toEqual([3, 1, 2]);
  });

  it('never shows a member the label does not find, even the one nearest the centre', () => {
    const scores = Float64Array.of(0.99, 0.6, 0.9, 0.8, 0.95);
    expect(representativePapers(members, scores, tight, counts, [[0]], top.columns, top.weights, 5)).not.toContain(0);
  });

  it('ranks every member when the label finds none, a paper without the theme’s words last', () => {
    const scores = Float64Array.of(0.99, 0.6, 0.9, 0.8, 0.95);
    const ranked = representativePapers(members, scores, tight, counts, [[]], top.columns, top.weights, 5);
    expect(ranked).toHaveLength(5);
    expect(ranked[ranked.length - 1]).toBe(0);
  });

  it('keeps at most count papers, ties going to the earlier paper', () => {
    const scores = Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.5);
    const same = csr([[0], [0], [0], [0], [0]], 4);
    expect(representativePapers(members, scores, tight, same, [[0]], top.columns, top.weights, 2)).toEqual([0, 1]);
  });

  it('puts loose fits after every tight member the label finds, whatever their fit', () => {
    const scores = Float64Array.of(0.99, 0.6, 0.9, 0.8, 0.95);
    // Paper 3 fits best (0.64) but is a loose fit: it drops behind 1 (0.6) and 2 (0.45).
    const loose = Uint8Array.of(0, 0, 0, 1, 0);
    expect(representativePapers(members, scores, loose, counts, [[0]], top.columns, top.weights, 5)).toEqual([1, 2, 3]);
    expect(representativePapers(members, scores, loose, counts, [[0]], top.columns, top.weights, 2)).toEqual([1, 2]);
  });

  it('still shows loose fits when the theme has no tight member the label finds', () => {
    const scores = Float64Array.of(0.99, 0.6, 0.9, 0.8, 0.95);
    const loose = Uint8Array.of(0, 1, 1, 1, 0);
    expect(representativePapers(members, scores, loose, counts, [[0]], top.columns, top.weights, 2)).toEqual([3, 1]);
  });
});
