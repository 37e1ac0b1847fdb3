import type { CsrMatrix } from '../types.js';

/**
 * Sums the document rows of `counts` by class: a dense k x V matrix, row c holding the
 * count of every term over the documents of class c. Row-major, `out[c * V + t]`.
 */
export function classTermCounts(counts: CsrMatrix, labels: Int32Array, k: number): Float64Array {
  const out = new Float64Array(k * counts.cols);
  for (let r = 0; r < counts.rows; r++) {
    const base = labels[r] * counts.cols;
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) out[base + counts.indices[p]] += counts.values[p];
  }
  return out;
}
