import { describe, expect, it } from 'vitest';
import { npmi, npmiCoherence } from '../../src/metrics/npmi.js';
import type { CsrMatrix } from '../../src/types.js';

/** Papers x terms counts from term lists (terms are column numbers). */
function csr(docs: number[][], cols: number): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const doc of docs) {
    for (const t of [...new Set(doc)].sort((a, b) => a - b)) {
      indices.push(t);
      values.push(doc.filter((x) => x === t).length);
    }
    indptr.push(indices.length);
  }
  return { rows: docs.length, cols, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

// Terms a = 0, b = 1, c = 2, d = 3 over four papers.
const A = 0, B = 1, C = 2, D = 3;
const docs = csr([[A, B, B], [A, B, C], [A], [C]], 4);

describe('npmi', () => {
  it('is ln(P(ab) / (P(a) P(b))) / -ln P(ab) from document counts', () => {
    // D(a) = 3, D(b) = 2, D(a, b) = 2 of N = 4: ln((2/4) / (3/4 * 2/4)) / ln(4/2) = ln(4/3) / ln 2.
    expect(npmi(3, 2, 2, 4)).toBeCloseTo(Math.log(4 / 3) / Math.log(2), 12);
  });

  it('is -1 for terms never together, 0 for independent ones and 1 for terms in every paper', () => {
    expect(npmi(2, 2, 0, 4)).toBe(-1);
    expect(npmi(2, 2, 1, 4)).toBeCloseTo(0, 12);
    expect(npmi(4, 4, 4, 4)).toBe(1);
  });
});

describe('npmiCoherence', () => {
  it('averages NPMI over every pair of a theme’s top terms (worked by hand)', () => {
    const ab = Math.log(4 / 3) / Math.log(2); // 0.415
    const ac = Math.log(2 / 3) / Math.log(4); // D(a, c) = 1: ln((1/4) / (3/4 * 2/4)) / ln 4 = -0.292
    const bc = 0; // D(b, c) = 1: ln((1/4) / (2/4 * 2/4)) = 0
    const { perTheme, mean } = npmiCoherence(docs, [[A, B, C], [A, B]]);
    expect(perTheme[0]).toBeCloseTo((ab + ac + bc) / 3, 12);
    expect(perTheme[1]).toBeCloseTo(ab, 12);
    expect(mean).toBeCloseTo(((ab + ac + bc) / 3 + ab) / 2, 12);
  });

  it('counts a term in a paper once however often it occurs there', () => {
    const repeated = csr([[A, A, A, B], [A, B, C], [A], [C]], 4);
    expect(npmiCoherence(repeated, [[A, B]]).perTheme[0]).toBeCloseTo(Math.log(4 / 3) / Math.log(2), 12);
  });

  it('gives -1 to a pair of terms never in the same paper, even a term in no paper', () => {
    expect(npmiCoherence(docs, [[B, D]]).perTheme[0]).toBe(-1);
  });

  it('leaves a theme with fewer than two terms undefined and out of the mean', () => {
    const { perTheme, mean } = npmiCoherence(docs, [[A], [A, B]]);
    expect(perTheme[0]).toBeNaN();
    expect(mean).toBeCloseTo(Math.log(4 / 3) / Math.log(2), 12);
  });

  it('is symmetric in the order of the top terms', () => {
    expect(npmiCoherence(docs, [[C, B, A]]).perTheme[0]).toBeCloseTo(npmiCoherence(docs, [[A, B, C]]).perTheme[0], 14);
  });

  it('rejects a column outside the matrix', () => {
    expect(() => npmiCoherence(docs, [[A, 4]])).toThrow(/column 4 is outside 0..3/);
  });
});
