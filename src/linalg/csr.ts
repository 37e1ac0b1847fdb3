import type { CsrMatrix, DenseMatrix } from '../types.js';
import { gatherRowsRange } from './rowKernels.js';

/**
 * Sparse (CSR) × dense kernels. The TF-IDF matrix is n×m with m in the tens of thousands
 * and a few dozen non-zeros per row; the dense factors are thin (m×l or n×l, l ≲ 100).
 * Each kernel costs O(nnz · l) and never densifies A.
 *
 * Implicit centring: PCA needs products with Ã = A − 1μᵀ (μ = column means), which is
 * dense. Both kernels accept μ and use the rank-one identities
 *   Ã·B  = A·B  − 1 (μᵀB)     (n×l: subtract the row vector μᵀB from every row)
 *   Ãᵀ·B = Aᵀ·B − μ (1ᵀB)     (m×l: subtract μ times the column sums of B)
 * so centring adds only O((n + m) · l).
 */

/** A zero-filled dense matrix. */
function zeros(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** o += A·b over all rows of the CSR matrix A (b, o row-major with l columns). */
function gather(A: CsrMatrix, b: Float64Array, l: number, o: Float64Array): void {
  gatherRowsRange(A.indptr, A.indices, A.values, b, l, o, 0, A.rows);
}

function checkMeans(columnMeans: Float64Array | null | undefined, cols: number): void {
  if (columnMeans && columnMeans.length !== cols) {
    throw new RangeError(`columnMeans has length ${columnMeans.length}, expected ${cols}`);
  }
}

/**
 * Aᵀ as a CSR matrix (m×n; column indices still strictly increasing per row), by a
 * counting sort of the entries on their column. O(nnz + m + n).
 */
export function csrTranspose(A: CsrMatrix): CsrMatrix {
  const { rows, cols, indptr, indices, values } = A;
  const nnz = indptr[rows];
  const tIndptr = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) tIndptr[indices[p] + 1]++;
  for (let c = 0; c < cols; c++) tIndptr[c + 1] += tIndptr[c];
  const next = tIndptr.slice(0, cols);
  const tIndices = new Int32Array(nnz);
  const tValues = new Float64Array(nnz);
  for (let r = 0; r < rows; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const q = next[indices[p]]++;
      tIndices[q] = r;
      tValues[q] = values[p];
    }
  }
  return { rows: cols, cols: rows, indptr: tIndptr, indices: tIndices, values: tValues };
}

/**
 * (A − 1μᵀ)·B, or A·B when `columnMeans` is absent. A: n×m CSR, B: m×l dense → n×l.
 */
export function csrTimesDense(
  A: CsrMatrix,
  B: DenseMatrix,
  columnMeans?: Float64Array | null,
): DenseMatrix {
  if (A.cols !== B.rows) {
    throw new RangeError(`csrTimesDense: A is ${A.rows}×${A.cols}, B is ${B.rows}×${B.cols}`);
  }
  checkMeans(columnMeans, A.cols);
  const l = B.cols;
  const out = zeros(A.rows, l);
  const b = B.data;
  const o = out.data;
  gather(A, b, l, o);
  if (columnMeans) subtractMeanProduct(o, B, columnMeans);
  return out;
}

/** μᵀB (1×l) for B m×l: the shift that turns A·B into (A − 1μᵀ)·B (columns with μ = 0 skipped). */
export function meanShift(B: DenseMatrix, columnMeans: Float64Array): Float64Array {
  const l = B.cols;
  const b = B.data;
  const shift = new Float64Array(l);
  for (let c = 0; c < B.rows; c++) {
    const mu = columnMeans[c];
    if (mu === 0) continue;
    const bBase = c * l;
    for (let j = 0; j < l; j++) shift[j] += mu * b[bBase + j];
  }
  return shift;
}

/** 1ᵀB (1×l): the column sums of B, summed row by row. */
export function columnSums(B: DenseMatrix): Float64Array {
  const l = B.cols;
  const b = B.data;
  const sums = new Float64Array(l);
  for (let r = 0; r < B.rows; r++) {
    const bBase = r * l;
    for (let j = 0; j < l; j++) sums[j] += b[bBase + j];
  }
  return sums;
}

/**
 * o −= 1 (μᵀB): turns A·B (in o, rows×l) into (A − 1μᵀ)·B. The shift μᵀB (1×l) is
 * subtracted from every row.
 */
export function subtractMeanProduct(o: Float64Array, B: DenseMatrix, columnMeans: Float64Array): void {
  const l = B.cols;
  const shift = meanShift(B, columnMeans);
  const rows = o.length / l;
  for (let r = 0; r < rows; r++) {
    const rowBase = r * l;
    for (let j = 0; j < l; j++) o[rowBase + j] -= shift[j];
  }
}

/**
 * o −= μ (1ᵀB): turns Aᵀ·B (in o, m×l) into (A − 1μᵀ)ᵀ·B. Row c loses μ_c times the
 * column sums of B.
 */
export function subtractMeanTransposeProduct(o: Float64Array, B: DenseMatrix, columnMeans: Float64Array): void {
  const l = B.cols;
  const colSums = columnSums(B);
  for (let c = 0; c < columnMeans.length; c++) {
    const mu = columnMeans[c];
    if (mu === 0) continue;
    const oBase = c * l;
    for (let j = 0; j < l; j++) o[oBase + j] -= mu * colSums[j];
  }
}

/**
 * (A − 1μᵀ)ᵀ·B, or Aᵀ·B when `columnMeans` is absent. A: n×m CSR, B: n×l dense → m×l.
 * With `transposed` (= {@link csrTranspose}(A), built once by callers that multiply by Aᵀ
 * repeatedly) each output row gathers the rows of B it needs, as {@link csrTimesDense}
 * does, which is about twice as fast as scattering the rows of A into the output (the
 * fallback when `transposed` is absent: no transpose is built).
 */
export function csrTransposeTimesDense(
  A: CsrMatrix,
  B: DenseMatrix,
  columnMeans?: Float64Array | null,
  transposed?: CsrMatrix | null,
): DenseMatrix {
  if (A.rows !== B.rows) {
    throw new RangeError(
      `csrTransposeTimesDense: A is ${A.rows}×${A.cols}, B is ${B.rows}×${B.cols}`,
    );
  }
  checkMeans(columnMeans, A.cols);
  const l = B.cols;
  const out = zeros(A.cols, l);
  const b = B.data;
  const o = out.data;
  if (transposed) {
    if (transposed.rows !== A.cols || transposed.cols !== A.rows) {
      throw new RangeError(`csrTransposeTimesDense: transposed is ${transposed.rows}×${transposed.cols}, A is ${A.rows}×${A.cols}`);
    }
    gather(transposed, b, l, o);
  } else {
    const { indptr, indices, values } = A;
    for (let r = 0; r < A.rows; r++) {
      const bBase = r * l;
      for (let p = indptr[r]; p < indptr[r + 1]; p++) {
        const v = values[p];
        const oBase = indices[p] * l;
        for (let j = 0; j < l; j++) o[oBase + j] += v * b[bBase + j];
      }
    }
  }
  if (columnMeans) subtractMeanTransposeProduct(o, B, columnMeans);
  return out;
}

/** μ_j = (1/n) Σ_r A[r, j], length m. All zeros for a matrix without rows. */
export function csrColumnMeans(A: CsrMatrix): Float64Array {
  const means = new Float64Array(A.cols);
  if (A.rows === 0) return means;
  const nnz = A.indptr[A.rows];
  for (let p = 0; p < nnz; p++) means[A.indices[p]] += A.values[p];
  for (let j = 0; j < A.cols; j++) means[j] /= A.rows;
  return means;
}

/**
 * Per-column population variance var_j = (1/n) Σ_r (A[r, j] − μ_j)², length m.
 * Computed without densifying as (Σ_{stored}(a − μ_j)² + (n − nnz_j) μ_j²) / n, which
 * avoids the cancellation of the E[a²] − μ² form.
 */
export function csrColumnVariances(A: CsrMatrix, columnMeans = csrColumnMeans(A)): Float64Array {
  const out = new Float64Array(A.cols);
  if (A.rows === 0) return out;
  const stored = new Int32Array(A.cols);
  const nnz = A.indptr[A.rows];
  for (let p = 0; p < nnz; p++) {
    const j = A.indices[p];
    const d = A.values[p] - columnMeans[j];
    out[j] += d * d;
    stored[j]++;
  }
  for (let j = 0; j < A.cols; j++) {
    const mu = columnMeans[j];
    out[j] = (out[j] + (A.rows - stored[j]) * mu * mu) / A.rows;
  }
  return out;
}

/**
 * Builds a CSR matrix from dense rows, storing only the non-zero entries (for tests and
 * small fixtures). All rows must have the same length; an empty input is 0×0.
 */
export function csrFromDense(rows: readonly (readonly number[])[]): CsrMatrix {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0].length;
  const indptr = new Int32Array(n + 1);
  const idx: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row.length !== m) throw new RangeError(`row ${r} has ${row.length} entries, expected ${m}`);
    for (let c = 0; c < m; c++) {
      if (row[c] !== 0) {
        idx.push(c);
        vals.push(row[c]);
      }
    }
    indptr[r + 1] = idx.length;
  }
  return { rows: n, cols: m, indptr, indices: Int32Array.from(idx), values: Float64Array.from(vals) };
}
