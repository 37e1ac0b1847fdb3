/**
 * Row-range kernels of the sparse and dense products: each processes rows
 * [rowStart, rowEnd) of its tall operand. They are the JavaScript form of the WebAssembly
 * kernels of src/kernels/ (the same sums in the same order), behind csr.ts and dense.ts:
 * the tests' bit-for-bit reference for the kernels, the SVD and the refinement.
 */

/**
 * o[r, :] += Σ_p values[p] · b[indices[p], :] over the stored entries p of each row r in
 * [rowStart, rowEnd) of a CSR matrix (o, b row-major with l columns). The inner loop runs over the l contiguous columns and
 * combines eight (then four, then one) stored entries per pass, so each load/store of the
 * output row serves several multiply-adds and eight rows of b stream at once. The
 * summation order is fixed by A alone: results are reproducible bit for bit.
 */
export function gatherRowsRange(
  indptr: Int32Array,
  indices: Int32Array,
  values: Float64Array,
  b: Float64Array,
  l: number,
  o: Float64Array,
  rowStart: number,
  rowEnd: number,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
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
 * Adds the upper triangle (j ≥ i) of Σ_{r∈[rowStart,rowEnd)} x_r x_rᵀ to g (l×l), for a
 * row-major x with l columns. Rows are taken four at a time from rowStart (each load of g
 * serves four multiply-adds), so the rounding depends on rowStart: callers use fixed
 * boundaries (see dense.ts `gram`).
 */
export function gramRange(x: Float64Array, l: number, g: Float64Array, rowStart: number, rowEnd: number): void {
  let r = rowStart;
  for (; r + 3 < rowEnd; r += 4) {
    const a = r * l;
    const b = a + l;
    const c = b + l;
    const d = c + l;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      const bi = x[b + i];
      const ci = x[c + i];
      const di = x[d + i];
      const gi = i * l;
      for (let j = i; j < l; j++) {
        g[gi + j] += ai * x[a + j] + bi * x[b + j] + ci * x[c + j] + di * x[d + j];
      }
    }
  }
  for (; r < rowEnd; r++) {
    const a = r * l;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      if (ai === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j] += ai * x[a + j];
    }
  }
}

/**
 * out[r, :] = x[r, :]·W for rows r in [rowStart, rowEnd), x n×l and W l×k row-major (out
 * n×k, zero-filled on entry). With `upperTriangular`, W[i, j] = 0 for i > j is assumed and
 * never read. Each output row is the same in-order sum over i whatever the range, four
 * rows sharing each load of W.
 */
export function timesSmallRange(
  x: Float64Array,
  l: number,
  w: Float64Array,
  k: number,
  upperTriangular: boolean,
  out: Float64Array,
  rowStart: number,
  rowEnd: number,
): void {
  let r = rowStart;
  for (; r + 3 < rowEnd; r += 4) {
    const a = r * l;
    const b = a + l;
    const c = b + l;
    const d = c + l;
    const oa = r * k;
    const ob = oa + k;
    const oc = ob + k;
    const od = oc + k;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      const bi = x[b + i];
      const ci = x[c + i];
      const di = x[d + i];
      const wi = i * k;
      for (let j = upperTriangular ? i : 0; j < k; j++) {
        const wij = w[wi + j];
        out[oa + j] += ai * wij;
        out[ob + j] += bi * wij;
        out[oc + j] += ci * wij;
        out[od + j] += di * wij;
      }
    }
  }
  for (; r < rowEnd; r++) {
    const a = r * l;
    const oa = r * k;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      if (ai === 0) continue;
      const wi = i * k;
      for (let j = upperTriangular ? i : 0; j < k; j++) out[oa + j] += ai * w[wi + j];
    }
  }
}
