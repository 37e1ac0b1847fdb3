import type { CsrMatrix, DenseMatrix } from '../types.js';

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

function checkMeans(columnMeans: Float64Array | null | undefined, cols: number): void {
  if (columnMeans && columnMeans.length !== cols) {
    throw new RangeError(`columnMeans has length ${columnMeans.length}, expected ${cols}`);
  }
}

/**
 * o[r, :] += Σ_p values[p] · b[indices[p], :] over the stored entries p of each row r of A
 * (o, b row-major with l columns). The inner loop runs over the l contiguous columns and
 * combines eight (then four, then one) stored entries per pass, so each load/store of the
 * output row serves several multiply-adds and eight rows of b stream at once. The
 * summation order is fixed by A alone: results are reproducible bit for bit.
 */
function gatherRows(A: CsrMatrix, b: Float64Array, l: number, o: Float64Array): void {
  const { indptr, indices, values } = A;
  for (let r = 0; r < A.rows; r++) {
    const ob = r * l;
    const end = indptr[r + 1];
    let p = indptr[r];
    for (; p + 7 < end; p += 8) {
      const v0 = values[p];
      const v1 = values[p + 1];
      const v2 = values[p + 2];
      const v3 = values[p + 3];
      const v4 = values[p + 4];
      const v5 = values[p + 5];
      const v6 = values[p + 6];
      const v7 = values[p + 7];
      const b0 = indices[p] * l;
      const b1 = indices[p + 1] * l;
      const b2 = indices[p + 2] * l;
      const b3 = indices[p + 3] * l;
      const b4 = indices[p + 4] * l;
      const b5 = indices[p + 5] * l;
      const b6 = indices[p + 6] * l;
      const b7 = indices[p + 7] * l;
      for (let j = 0; j < l; j++) {
        o[ob + j] +=
          v0 * b[b0 + j] +
          v1 * b[b1 + j] +
          v2 * b[b2 + j] +
          v3 * b[b3 + j] +
          v4 * b[b4 + j] +
          v5 * b[b5 + j] +
          v6 * b[b6 + j] +
          v7 * b[b7 + j];
      }
    }
    for (; p + 3 < end; p += 4) {
      const v0 = values[p];
      const v1 = values[p + 1];
      const v2 = values[p + 2];
      const v3 = values[p + 3];
      const b0 = indices[p] * l;
      const b1 = indices[p + 1] * l;
      const b2 = indices[p + 2] * l;
      const b3 = indices[p + 3] * l;
      for (let j = 0; j < l; j++) {
        o[ob + j] += v0 * b[b0 + j] + v1 * b[b1 + j] + v2 * b[b2 + j] + v3 * b[b3 + j];
      }
    }
    for (; p < end; p++) {
      const v = values[p];
      const bb = indices[p] * l;
      for (let j = 0; j < l; j++) o[ob + j] += v * b[bb + j];
    }
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
  gatherRows(A, b, l, o);
  if (columnMeans) {
    // shift = μᵀB (1×l), subtracted from every row.
    const shift = new Float64Array(l);
    for (let c = 0; c < A.cols; c++) {
      const mu = columnMeans[c];
      if (mu === 0) continue;
      const bBase = c * l;
      for (let j = 0; j < l; j++) shift[j] += mu * b[bBase + j];
    }
    for (let r = 0; r < A.rows; r++) {
      const rowBase = r * l;
      for (let j = 0; j < l; j++) o[rowBase + j] -= shift[j];
    }
  }
  return out;
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
    gatherRows(transposed, b, l, o);
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
  if (columnMeans) {
    // colSums = 1ᵀB (1×l); subtract μ_c · colSums from row c.
    const colSums = new Float64Array(l);
    for (let r = 0; r < B.rows; r++) {
      const bBase = r * l;
      for (let j = 0; j < l; j++) colSums[j] += b[bBase + j];
    }
    for (let c = 0; c < A.cols; c++) {
      const mu = columnMeans[c];
      if (mu === 0) continue;
      const oBase = c * l;
      for (let j = 0; j < l; j++) o[oBase + j] -= mu * colSums[j];
    }
  }
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
